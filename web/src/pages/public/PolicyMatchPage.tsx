/**
 * 不来即享 at /public/policies: an enterprise (its credit code) or a person (no identity number) answers the
 * policy questions and sees every policy — eligible with the amount in 元, not eligible with the reason, or
 * what is still to be answered — and how to apply. No sign-in; usable at phone width; nothing is stored.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { matchResult } from '../../../../src/contracts/benefit-matching.contract.ts';
import { api, errorMessage } from '../../api.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { formatYuan } from '../../format.ts';
import { ApplicationLookup } from './ApplicationLookup.tsx';
import { OnlineApplyDrawer } from './OnlineApplyDrawer.tsx';

type MatchResult = z.output<typeof matchResult>;
type Applicant = 'enterprise' | 'person';

const words = {
  'zh-CN': {
    title: '政策一键查询（不来即享）',
    intro: '回答几个问题，即可查看可享受的每一项惠企惠民政策、金额和申请方式。无需登录，不收集身份证号。',
    enterprise: '我是企业（单位）',
    person: '我是个人',
    creditCode: '统一社会信用代码',
    check: '查询',
    eligible: '可享受',
    notEligible: '不符合',
    undetermined: '待补充',
    suppressed: '不重复享受',
    total: '可享受补贴合计',
    yes: '是',
    no: '否',
    apply: '申请方式',
    basis: '依据',
    staff: '工作人员登录',
    applyOnline: '在线申请',
  },
  en: {
    title: 'Policies for you (不来即享)',
    intro: 'Answer a few questions to see every policy you qualify for, the amount and how to apply. No sign-in; no identity number asked.',
    enterprise: 'An enterprise',
    person: 'A person',
    creditCode: 'Unified social credit code',
    check: 'Check',
    eligible: 'Eligible',
    notEligible: 'Not eligible',
    undetermined: 'More needed',
    suppressed: 'Not combinable',
    total: 'Eligible subsidies in total',
    yes: 'Yes',
    no: 'No',
    apply: 'How to apply',
    basis: 'Basis',
    staff: 'Staff sign-in',
    applyOnline: 'Apply online',
  },
} as const;

const statusColour = { eligible: 'green', not_eligible: 'default', undetermined: 'orange', suppressed: 'purple' } as const;


function answerInput(question: MatchResult['questions'][number], text: (typeof words)['zh-CN' | 'en']) {
  if (question.type === 'boolean') {
    return (
      <Radio.Group>
        <Radio value={true}>{text.yes}</Radio>
        <Radio value={false}>{text.no}</Radio>
      </Radio.Group>
    );
  }
  if (question.type === 'list') return <Checkbox.Group options={question.choices.map((choice) => ({ label: choice, value: choice }))} />;
  if (question.type === 'enum') return <Select allowClear options={question.choices.map((choice) => ({ label: choice, value: choice }))} />;
  if (question.type === 'date') return <DatePicker style={{ width: '100%' }} />;
  if (question.type === 'number' || question.type === 'months' || question.type === 'money') return <InputNumber style={{ width: '100%' }} min={0} />;
  return <Input maxLength={200} />;
}

/** Turns form values into answers by fact path: dates as YYYY-MM-DD, money in 元 as text, empty left out. */
function answersOf(values: Record<string, unknown>, questions: MatchResult['questions']): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const value = values[question.fact];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0 && question.type !== 'list')) continue;
    if (question.type === 'date') answers[question.fact] = dayjs(value as string).format('YYYY-MM-DD');
    else if (question.type === 'money') answers[question.fact] = `${value}元`;
    else answers[question.fact] = value;
  }
  return answers;
}

/** A person applies online for a person's (or household's) policy that is eligible or still needs answers. */
function appliesOnline(applicant: Applicant, item: MatchResult['items'][number]): boolean {
  return applicant === 'person' && (item.beneficiary === 'person' || item.beneficiary === 'household') && (item.status === 'eligible' || item.status === 'undetermined');
}

/** The public matching page. */
export function PolicyMatchPage() {
  const { i18n } = useTranslation();
  const text = words[i18n.language === 'en' ? 'en' : 'zh-CN'];
  const [applicant, setApplicant] = useState<Applicant>('enterprise');
  const [creditCode, setCreditCode] = useState('');
  const [result, setResult] = useState<MatchResult | null>(null);
  const [questions, setQuestions] = useState<MatchResult['questions']>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [applying, setApplying] = useState<MatchResult['items'][number] | null>(null);
  const [form] = Form.useForm();

  // The questions come from the server's policy catalogue.
  useEffect(() => {
    setResult(null);
    form.resetFields();
    api
      .get<{ questions: MatchResult['questions'] }>('/api/public/policy-questions', { applicant })
      .then((body) => setQuestions(body.questions))
      .catch(() => setQuestions([]));
  }, [applicant, form, i18n.language]);

  async function check(values: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const given = answersOf(values, questions);
      const body = await api.post<MatchResult>('/api/public/policy-match', applicant === 'person' ? { applicant, answers: given } : { applicant, creditCode: creditCode.trim(), answers: given });
      setAnswers(given);
      setResult(body);
    } catch (caught) {
      setResult(null);
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const statusWord = { eligible: text.eligible, not_eligible: text.notEligible, undetermined: text.undetermined, suppressed: text.suppressed };
  return (
    <div style={{ minHeight: '100vh', background: '#fff' }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="policy-match-title">
          {text.title}
        </Typography.Text>
        <LanguageSwitch />
      </header>
      <main style={{ maxWidth: 720, margin: '0 auto', padding: 16, boxSizing: 'border-box' }}>
        <Typography.Paragraph>{text.intro}</Typography.Paragraph>
        <Radio.Group value={applicant} onChange={(event) => setApplicant(event.target.value as Applicant)} style={{ marginBottom: 16 }} data-testid="policy-match-applicant">
          <Radio.Button value="enterprise">{text.enterprise}</Radio.Button>
          <Radio.Button value="person">{text.person}</Radio.Button>
        </Radio.Group>
        <Form form={form} layout="vertical" onFinish={check}>
          {applicant === 'enterprise' && (
            <Form.Item label={text.creditCode} required>
              <Input value={creditCode} onChange={(event) => setCreditCode(event.target.value)} maxLength={18} data-testid="policy-match-credit-code" />
            </Form.Item>
          )}
          {questions.map((question) => (
            <Form.Item key={question.fact} name={question.fact} label={question.question} data-testid={`question-${question.fact}`}>
              {answerInput(question, text)}
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="policy-match-submit">
            {text.check}
          </Button>
        </Form>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} data-testid="policy-match-error" />}
        {result && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="policy-match-results">
            <Alert type="success" message={`${text.total}：${formatYuan(result.eligibleSubsidyFen)}`} data-testid="policy-match-total" />
            {result.items.map((item) => (
              <Card key={`${item.pack}/${item.policy}`} size="small" data-testid={`match-${item.policy}`} title={<span style={{ whiteSpace: 'normal' }}>{item.name}</span>} extra={<Tag color={statusColour[item.status]}>{statusWord[item.status]}</Tag>}>
                {item.status === 'eligible' && item.amountFen !== null && (
                  <Typography.Title level={4} style={{ marginTop: 0 }} data-testid={`amount-${item.policy}`}>
                    {formatYuan(item.amountFen)}
                  </Typography.Title>
                )}
                {item.status === 'eligible' && <Typography.Paragraph type="secondary">{item.clauses.join('；')}</Typography.Paragraph>}
                {item.reason && <Typography.Paragraph>{item.reason}</Typography.Paragraph>}
                {item.questions.length > 0 && (
                  <ul style={{ paddingLeft: 20 }}>
                    {item.questions.map((question, index) => (
                      <li key={index}>{question.text}</li>
                    ))}
                  </ul>
                )}
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {text.basis}：{item.basis.document} {item.basis.clause}。{text.apply}：{item.howToApply}
                </Typography.Paragraph>
                {appliesOnline(applicant, item) && (
                  <Button type="primary" ghost style={{ marginTop: 8 }} onClick={() => setApplying(item)} data-testid={`apply-online-${item.policy}`}>
                    {text.applyOnline}
                  </Button>
                )}
              </Card>
            ))}
          </Space>
        )}
        {applying && (
          <OnlineApplyDrawer
            packId={applying.pack}
            policyId={applying.policy}
            policyName={applying.name}
            answers={answers}
            onClose={() => setApplying(null)}
          />
        )}
        <ApplicationLookup />
        <Typography.Paragraph style={{ marginTop: 24 }}>
          <Link to="/login">{text.staff}</Link>
        </Typography.Paragraph>
      </main>
    </div>
  );
}
