/**
 * A payment batch as an .xlsx file for the bank and the finance office: one row per item with the beneficiary
 * (resident ID masked unless the viewer may see it), bank account fields where given, the amount in 元 (fen
 * exact: a yuan value with two decimals, totalled from fen, never from floating sums), the policy and its 文号.
 */
import ExcelJS from 'exceljs';
import type { Policy } from '../rules/policy.ts';

/** One row of the export. */
export interface PaymentRow {
  beneficiaryName: string;
  /** as the viewer may see it */
  beneficiaryIdNumber: string;
  bankName: string | null;
  bankAccount: string | null;
  accountHolder: string | null;
  amountFen: number;
  policy: Policy;
}

const headings = ['序号', '受益对象', '证件号码', '开户银行', '银行账号', '户名', '金额（元）', '政策', '文号'];

/** The 文号 a payment cites: the policy's document number, else its document and clause. */
export function documentNumberOf(policy: Policy): string {
  return policy.basis.number ? `${policy.basis.number} ${policy.basis.clause}` : `${policy.basis.document} ${policy.basis.clause}`;
}

/** Renders the batch; the last row is the total, in fen summed then shown in 元. */
export async function paymentBatchXlsx(title: string, rows: readonly PaymentRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('支付明细');
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(headings).font = { bold: true };
  rows.forEach((row, index) => {
    sheet.addRow([
      index + 1,
      row.beneficiaryName,
      row.beneficiaryIdNumber,
      row.bankName ?? '',
      row.bankAccount ?? '',
      row.accountHolder ?? '',
      row.amountFen / 100,
      row.policy.name.zh,
      documentNumberOf(row.policy),
    ]);
  });
  const totalFen = rows.reduce((sum, row) => sum + row.amountFen, 0);
  sheet.addRow(['合计', `${rows.length} 笔`, '', '', '', '', totalFen / 100, '', '']).font = { bold: true };
  // Text, so that Excel never shows an 18-digit number in exponent form or drops its last digits.
  sheet.getColumn(3).numFmt = '@';
  sheet.getColumn(5).numFmt = '@';
  sheet.getColumn(7).numFmt = '#,##0.00';
  sheet.columns.forEach((column, index) => {
    column.width = [6, 24, 22, 18, 24, 16, 14, 36, 40][index] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
