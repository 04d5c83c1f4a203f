/** Picks a monitored subject of one kind in the user's reach by typing part of its name (`GET /api/monitor/subjects`). */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { SubjectView } from './types.ts';

interface Props {
  kind: SubjectView['kind'];
  value: string | undefined;
  onChange: (id: string | undefined, subject: SubjectView | undefined) => void;
  'data-testid'?: string;
}

/** The select; lists the first 50 subjects before any typing. */
export function SubjectSelect({ kind, value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const [subjects, setSubjects] = useState<SubjectView[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  function load(text: string) {
    setLoading(true);
    api
      .get<{ items: SubjectView[] }>('/api/monitor/subjects', { kind, q: text.trim() || undefined, limit: 50 })
      .then((page) => setSubjects(page.items))
      .catch(() => setSubjects([]))
      .finally(() => setLoading(false));
  }

  useEffect(() => {
    load('');
    return () => window.clearTimeout(timer.current);
  }, [kind]);

  return (
    <Select<string>
      style={{ width: 320 }}
      value={value}
      loading={loading}
      allowClear
      placeholder={t('monitorEntry.pickSubject')}
      onChange={(id) => onChange(id, subjects.find((subject) => subject.id === id))}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => load(text), 300);
        },
      }}
      options={subjects.map((subject) => ({ value: subject.id, label: `${subject.name} · ${subject.regionName}` }))}
      data-testid={rest['data-testid']}
    />
  );
}
