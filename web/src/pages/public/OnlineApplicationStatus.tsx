/** An online application as its applicant sees it: reference, status, amount, steps and the evidence asked for. */
import { Alert, Descriptions, Steps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { onlineApplicationView } from '../../../../src/contracts/online-application.contract.ts';
import { formatYuan } from '../../format.ts';

/** The applicant's view of an online application. */
export type OnlineApplicationView = z.output<typeof onlineApplicationView>;

const words = {
  'zh-CN': { reference: '申请编号', keep: '请记下申请编号，凭编号和身份证号码查询进度。', policy: '政策', applicant: '申请人', status: '状态', amount: '测算金额', evidence: '申请材料', given: '已上传', missing: '未上传', optional: '（可选）', rejected: '驳回原因', reason: '不符合原因', questions: '尚需补充' },
  en: { reference: 'Reference', keep: 'Keep this reference: with it and your resident ID you can follow the application.', policy: 'Policy', applicant: 'Applicant', status: 'Status', amount: 'Amount', evidence: 'Evidence', given: 'uploaded', missing: 'not uploaded', optional: ' (optional)', rejected: 'Reason for rejection', reason: 'Why not eligible', questions: 'Still to answer' },
} as const;

/** Shows the application; `evidenceAction` renders the upload control of one item while the draft is open. */
export function OnlineApplicationStatus({ view, evidenceAction }: { view: OnlineApplicationView; evidenceAction?: (item: OnlineApplicationView['evidence'][number]) => ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const text = words[english ? 'en' : 'zh-CN'];
  const local = (value: { zh: string; en: string }) => (english ? value.en : value.zh);
  return (
    <div data-testid="online-application">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={<span>{text.reference}：<Typography.Text strong copyable data-testid="online-reference">{view.reference}</Typography.Text></span>} description={text.keep} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={text.policy}>{local(view.policyName)}</Descriptions.Item>
        <Descriptions.Item label={text.applicant}>{view.beneficiaryName}</Descriptions.Item>
        <Descriptions.Item label={text.status}>
          <Tag data-testid="online-status" data-status={view.status}>{local(view.statusName)}</Tag>
        </Descriptions.Item>
        {view.amountFen !== null && <Descriptions.Item label={text.amount}><span data-testid="online-amount">{formatYuan(view.amountFen)}</span></Descriptions.Item>}
        {view.reason && <Descriptions.Item label={text.reason}>{local(view.reason)}</Descriptions.Item>}
        {view.questions.length > 0 && <Descriptions.Item label={text.questions}>{view.questions.map((question) => local(question.text)).join('；')}</Descriptions.Item>}
        {view.decisionReason && <Descriptions.Item label={text.rejected}>{view.decisionReason}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{text.evidence}</Typography.Title>
      <ul style={{ paddingLeft: 20 }}>
        {view.evidence.map((item) => (
          <li key={item.id} data-testid={`online-evidence-${item.id}`} data-given={item.given} style={{ marginBottom: 8 }}>
            {local(item.text)}
            {item.optional && text.optional} — <Typography.Text type={item.given > 0 ? 'success' : 'warning'}>{item.given > 0 ? `${text.given} ${item.given}` : text.missing}</Typography.Text>
            {evidenceAction && <div style={{ marginTop: 4 }}>{evidenceAction(item)}</div>}
          </li>
        ))}
      </ul>
      <Steps direction="vertical" size="small" current={view.steps.length - 1} items={view.steps.map((step) => ({ title: local(step.statusName), description: new Date(step.at).toLocaleString(english ? 'en' : 'zh-CN') }))} />
    </div>
  );
}
