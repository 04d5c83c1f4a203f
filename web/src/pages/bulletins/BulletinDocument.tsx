/**
 * A bulletin laid out like the official document it is: the issuing unit in red over its 文号 and a red rule,
 * the title, whom it is addressed to and the opening, then each section under its 一、 heading with what it
 * says and its table, and the issuer and date at the foot. The words are the bulletin's own (Chinese).
 */
import type { ReactNode } from 'react';
import { Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chineseDate, chineseNumeral } from './bulletinText.ts';
import { ColoursPart } from './ColoursPart.tsx';
import { ProblemsPart } from './ProblemsPart.tsx';
import { PunctualityPart } from './PunctualityPart.tsx';
import { RankingPart } from './RankingPart.tsx';
import { TargetsPart } from './TargetsPart.tsx';
import type { BulletinContent, BulletinSection } from '../../types.ts';

const red = '#c00000';

function sectionBody(section: BulletinSection): ReactNode {
  switch (section.kind) {
    case 'targets':
      return <TargetsPart section={section} />;
    case 'punctuality':
      return <PunctualityPart section={section} />;
    case 'colours':
      return <ColoursPart section={section} />;
    case 'problems':
      return <ProblemsPart section={section} />;
    case 'ranking':
      return <RankingPart section={section} />;
  }
}

/** The document. */
export function BulletinDocument({ content }: { content: BulletinContent }) {
  const { t } = useTranslation();
  return (
    <article data-testid="bulletin-document" style={{ maxWidth: 1100, margin: '0 auto' }}>
      <header style={{ textAlign: 'center' }}>
        <div data-testid="bulletin-issuer" style={{ color: red, fontSize: 26, fontWeight: 700, letterSpacing: 2 }}>
          {content.issuer}
        </div>
        {content.docNumber && (
          <div data-testid="bulletin-doc-number" style={{ marginTop: 12 }}>
            {content.docNumber}
          </div>
        )}
        <div style={{ borderTop: `2px solid ${red}`, margin: '12px 0 24px' }} />
        <Typography.Title level={3} data-testid="bulletin-title" style={{ marginTop: 0 }}>
          {content.title}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="bulletin-period">
          {content.label}（{content.periodStart} ~ {content.periodEnd}）
        </Typography.Text>
      </header>
      <Typography.Paragraph style={{ marginTop: 24, marginBottom: 4 }}>{content.addressee}</Typography.Paragraph>
      <Typography.Paragraph style={{ textIndent: '2em' }}>{content.opening}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('bulletinDoc.traceHint')}
      </Typography.Paragraph>
      {content.sections.map((section, index) => (
        <section key={section.kind} data-testid={`bulletin-section-${section.kind}`} style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>
            {chineseNumeral(index + 1)}、{section.heading}
          </Typography.Title>
          <Typography.Paragraph style={{ textIndent: '2em' }}>{section.summary}</Typography.Paragraph>
          {sectionBody(section)}
        </section>
      ))}
      <Divider />
      <footer style={{ textAlign: 'right' }}>
        <div>{content.issuer}</div>
        <div data-testid="bulletin-issued-on">{chineseDate(content.issuedOn)}</div>
      </footer>
    </article>
  );
}
