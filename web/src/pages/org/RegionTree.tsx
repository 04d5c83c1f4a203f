/** The administrative hierarchy as a tree that loads each level when it is opened (`GET /api/regions?parent=`). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Key } from 'react';
import { Alert, Spin, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import type { Region } from '../../types.ts';

interface Node extends TreeDataNode {
  key: string;
  children?: Node[];
}

function toNode(region: Region): Node {
  return {
    key: region.code,
    title: <span data-testid={`region-${region.code}`}>{region.name}</span>,
    isLeaf: region.childCount === 0,
  };
}

function withChildren(nodes: Node[], code: string, children: Node[]): Node[] {
  return nodes.map((node) => {
    if (node.key === code) return { ...node, children };
    if (node.children) return { ...node, children: withChildren(node.children, code, children) };
    return node;
  });
}

/** Calls `onSelect` with the chosen region (null when deselected); selecting a region also opens it. */
export function RegionTree({ onSelect }: { onSelect: (region: Region | null) => void }) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [selected, setSelected] = useState<Key[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const regions = useRef(new Map<string, Region>());
  const pending = useRef(new Map<string, Promise<void>>());

  const remember = useCallback((items: Region[]) => {
    for (const region of items) regions.current.set(region.code, region);
    return items.map(toNode);
  }, []);

  useEffect(() => {
    api
      .get<{ items: Region[] }>('/api/regions')
      .then((page) => setNodes(remember(page.items)))
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setLoading(false));
  }, [remember]);

  const loadChildren = useCallback(
    (code: string): Promise<void> => {
      const known = pending.current.get(code);
      if (known) return known;
      const loading = api
        .get<{ items: Region[] }>('/api/regions', { parent: code })
        .then((page) => setNodes((current) => withChildren(current, code, remember(page.items))))
        .catch((failure: unknown) => {
          pending.current.delete(code);
          setError(errorMessage(failure));
        });
      pending.current.set(code, loading);
      return loading;
    },
    [remember],
  );

  async function select(keys: Key[]) {
    setSelected(keys);
    const code = keys[0] === undefined ? undefined : String(keys[0]);
    const region = code ? regions.current.get(code) : undefined;
    onSelect(region ?? null);
    if (region && region.childCount > 0 && !expanded.includes(region.code)) {
      await loadChildren(region.code);
      setExpanded((current) => [...current, region.code]);
    }
  }

  if (loading) return <Spin style={{ display: 'block', margin: 24 }} />;
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Tree<Node>
        data-testid="region-tree"
        treeData={nodes}
        expandedKeys={expanded}
        selectedKeys={selected}
        onExpand={(keys) => setExpanded(keys)}
        onSelect={(keys) => void select(keys)}
        loadData={(node) => loadChildren(node.key)}
        blockNode
      />
    </>
  );
}
