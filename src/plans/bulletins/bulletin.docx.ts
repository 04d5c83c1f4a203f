/**
 * A bulletin as a Word document in the layout of official documents (GB/T 9704 党政机关公文格式): A4 with
 * margins of 37 mm (top), 35 mm (bottom), 28 mm (left, the binding side) and 26 mm (right); the issuing
 * unit's name in red, large and bold, centred, the 文号 centred under it above a red line; the title in
 * 2号 小标宋; the body in 3号 仿宋 with first-level headings in 黑体 and second-level ones in 楷体; the
 * issuing unit and date at the bottom right; page numbers "— 1 —" outside, right on odd pages and left on even.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
} from 'docx';
import type { BulletinContent } from '../../contracts/plan-bulletins.contract.ts';
import { chineseDate } from './bulletin-content.ts';
import { cellText, layoutBulletin, type LaidTable } from './bulletin-layout.ts';

/** The fonts of official documents, each with the system font Word and WPS use where it is not installed. */
export const officialFonts = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading: { name: '黑体', fallback: 'SimHei' },
  subheading: { name: '楷体_GB2312', fallback: '楷体' },
  pageNumber: { name: '宋体', fallback: 'SimSun' },
} as const;

type FontRole = keyof typeof officialFonts;

/** Font sizes in points: 初号 42, 小初 36, 2号 22, 3号 16, 4号 14, 5号 10.5. */
const points = { header: 36, title: 22, body: 16, pageNumber: 14, table: 10.5 } as const;

const red = 'FF0000';
/** GB/T 9704 fixes 22 lines of 28 characters; a 3号 character is 16 pt wide, exactly 28.95 pt per line (579 twips). */
const lineTwips = 579;
const characterTwips = 320;

function run(text: string, role: FontRole, size: number, options: Omit<IRunOptions, 'text' | 'font' | 'size'> = {}): TextRun {
  const font = officialFonts[role];
  // The Chinese font for Chinese text; digits and Latin letters in the same font where it exists.
  return new TextRun({ text, size: size * 2, font: { eastAsia: font.name, ascii: font.name, hAnsi: font.name, hint: 'eastAsia' }, ...options });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, 'body', points.body)],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 2 * characterTwips },
    spacing: { line: lineTwips, lineRule: LineRuleType.EXACT },
  });
}

function headingParagraph(text: string, role: 'heading' | 'subheading'): Paragraph {
  return new Paragraph({
    children: [run(text, role, points.body)],
    indent: { firstLine: 2 * characterTwips },
    spacing: { line: lineTwips, lineRule: LineRuleType.EXACT },
    keepNext: true,
  });
}

function blankLine(): Paragraph {
  return new Paragraph({ children: [run('', 'body', points.body)], spacing: { line: lineTwips, lineRule: LineRuleType.EXACT } });
}

function tableCell(text: string, header: boolean, widthPercent: number): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(text, header ? 'heading' : 'body', points.table)],
      }),
    ],
  });
}

function documentTable(table: LaidTable): Table {
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / total) * 100);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((column, index) => tableCell(column.header, true, widths[index] ?? 0)) }),
      ...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((cell, index) => tableCell(cellText(cell), false, widths[index] ?? 0)) })),
    ],
  });
}

/** The red header: the issuing unit, two blank lines, the 文号, and the red line under it. */
function redHeader(content: BulletinContent): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(content.issuer, 'title', points.header, { bold: true, color: red })] }),
    blankLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(content.docNumber ?? '', 'body', points.body)],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: red, space: 11 } },
      spacing: { after: 2 * lineTwips },
    }),
  ];
}

/** The footer of odd or even pages: "— 1 —" in 4号 宋体, one character in from the outer edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const font = officialFonts.pageNumber;
  const runOptions = { size: points.pageNumber * 2, font: { eastAsia: font.name, ascii: font.name, hAnsi: font.name } };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: characterTwips } : { left: characterTwips },
        children: [new TextRun({ ...runOptions, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** The body: title, addressee, opening, each section with its parts and tables, then the signature. */
function body(content: BulletinContent): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(content.title, 'title', points.title, { bold: true })], spacing: { after: lineTwips } }),
    new Paragraph({ children: [run(content.addressee, 'body', points.body)], spacing: { line: lineTwips, lineRule: LineRuleType.EXACT } }),
    bodyParagraph(content.opening),
  ];
  for (const section of layoutBulletin(content)) {
    children.push(headingParagraph(section.heading, 'heading'));
    children.push(...section.paragraphs.map(bodyParagraph));
    for (const part of section.parts) {
      if (part.heading) children.push(headingParagraph(part.heading, 'subheading'));
      children.push(...part.paragraphs.map(bodyParagraph));
      if (part.table) children.push(documentTable(part.table), blankLine());
    }
  }
  // 成文日期右空四字; the issuing unit is centred over the date, which a right indent of two characters approximates.
  children.push(
    blankLine(),
    blankLine(),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 2 * characterTwips }, children: [run(content.issuer, 'body', points.body)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * characterTwips }, children: [run(chineseDate(content.issuedOn), 'body', points.body)] }),
  );
  return children;
}

/** The font table with a substitute (altName) for every official font, so a machine without it still shows a close face. */
function fontTableXml(): string {
  const fonts = Object.values(officialFonts)
    .map((font) => `<w:font w:name="${font.name}"><w:altName w:val="${font.fallback}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

/** The bulletin as a .docx file. */
export async function bulletinDocx(content: BulletinContent): Promise<Buffer> {
  const document = new Document({
    creator: content.issuer,
    title: content.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { eastAsia: officialFonts.body.name, ascii: officialFonts.body.name, hAnsi: officialFonts.body.name }, size: points.body * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              footer: convertMillimetersToTwip(28),
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [...redHeader(content), ...body(content)],
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
