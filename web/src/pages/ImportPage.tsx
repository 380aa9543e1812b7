import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import type { ImportBatch, ImportResult, RejectedRow } from '../api/types';
import { FileDropField } from '../components/FileDropField';
import { LoadError } from '../components/Results';
import { formatCount, formatDateTime } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { useErrorText } from '../session';

type Outcome =
  | { kind: 'result'; fileName: string; result: ImportResult }
  | { kind: 'error'; fileName: string; error: unknown };

function isImportResult(value: unknown): value is ImportResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.status === 'string' && Array.isArray(record.rejected);
}

function RejectedTable({ rows, total }: { rows: RejectedRow[]; total: number }) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<RejectedRow> = [
    { title: t('imports.rowNo'), dataIndex: 'row', width: 80, align: 'right' },
    { title: t('imports.column'), dataIndex: 'column', width: 160 },
    {
      title: t('imports.reason'),
      key: 'reason',
      render: (_: unknown, row) => (i18n.language === 'en' ? row.reasonEn : row.reason),
    },
  ];
  return (
    <>
      {total > rows.length && (
        <Typography.Paragraph type="secondary">
          {t('imports.truncated', { total: formatCount(total), shown: formatCount(rows.length) })}
        </Typography.Paragraph>
      )}
      <Table<RejectedRow>
        size="small"
        className="rejected-table"
        rowKey={(row) => `${row.row}-${row.column}-${row.reason}`}
        columns={columns}
        dataSource={rows}
        pagination={{
          defaultPageSize: 10,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (count) => t('common.total', { total: formatCount(count) }),
        }}
      />
    </>
  );
}

function OutcomePanel({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const errorText = useErrorText();

  if (outcome.kind === 'error') {
    // The message names what is wrong (e.g. the missing columns) in the UI language.
    return (
      <Alert
        className="import-outcome import-error"
        type="error"
        showIcon
        title={t('imports.fileErrorTitle')}
        description={t('imports.fileError', { file: outcome.fileName, message: errorText(outcome.error) })}
      />
    );
  }

  const { result, fileName } = outcome;
  const figures = (
    <Row gutter={16} className="import-figures">
      <Col xs={12} md={6}>
        <Statistic title={t('imports.rows')} value={formatCount(result.rows)} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('imports.imported')} value={formatCount(result.imported)} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('imports.updated')} value={formatCount(result.updated)} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('imports.rejected')}
          value={formatCount(result.rejectedCount)}
          styles={result.rejectedCount > 0 ? { content: { color: '#cf1322' } } : undefined}
        />
      </Col>
    </Row>
  );
  const fileFacts = (
    <Descriptions
      size="small"
      column={2}
      items={[
        { key: 'format', label: t('imports.format'), children: result.format.toUpperCase() },
        {
          key: 'encoding',
          label: t('imports.encoding'),
          children: result.encoding ? result.encoding.toUpperCase() : '—',
        },
      ]}
    />
  );

  if (result.status === 'rejected') {
    return (
      <Card title={t('imports.resultTitle')} className="import-outcome import-rejected">
        <Alert
          type="error"
          showIcon
          title={t('imports.rejectedTitle', { file: fileName, n: formatCount(result.rejectedCount) })}
          description={t('imports.rejectedHint')}
        />
        {figures}
        {fileFacts}
        <Typography.Title level={5} className="sub-title">
          {t('imports.rejectedRows')}
        </Typography.Title>
        <RejectedTable rows={result.rejected} total={result.rejectedCount} />
      </Card>
    );
  }

  return (
    <Card title={t('imports.resultTitle')} className="import-outcome import-committed">
      <Alert
        type={result.rejectedCount > 0 ? 'warning' : 'success'}
        showIcon
        title={
          result.rejectedCount > 0
            ? t('imports.committedWithSkips', { file: fileName, n: formatCount(result.rejectedCount) })
            : t('imports.committed', { file: fileName })
        }
      />
      {figures}
      {fileFacts}
      {result.rejected.length > 0 && (
        <>
          <Typography.Title level={5} className="sub-title">
            {t('imports.skippedRows')}
          </Typography.Title>
          <RejectedTable rows={result.rejected} total={result.rejectedCount} />
        </>
      )}
    </Card>
  );
}

function RecentBatches({ portfolio }: { portfolio?: string }) {
  const { t } = useTranslation();
  const batches = useQuery({
    queryKey: ['imports', portfolio ?? null],
    queryFn: () => api.get<{ items: ImportBatch[] }>('/imports', { portfolio }),
    select: (data) => data.items,
  });
  const columns: TableColumnsType<ImportBatch> = [
    { title: t('imports.startedAt'), dataIndex: 'startedAt', width: 140, render: formatDateTime },
    { title: t('imports.portfolio'), dataIndex: 'portfolioCode', width: 120 },
    { title: t('imports.fileName'), dataIndex: 'fileName', ellipsis: true },
    {
      title: t('imports.format'),
      dataIndex: 'fileFormat',
      width: 90,
      render: (v: string) => v.toUpperCase(),
    },
    {
      title: t('imports.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: string) => (
        <Tag color={status === 'committed' ? 'success' : 'error'}>{codeLabel(t, 'batchStatus', status)}</Tag>
      ),
    },
    { title: t('imports.rowsTotal'), dataIndex: 'rowsTotal', width: 80, align: 'right', render: formatCount },
    { title: t('imports.imported'), dataIndex: 'imported', width: 80, align: 'right', render: formatCount },
    { title: t('imports.updated'), dataIndex: 'updated', width: 80, align: 'right', render: formatCount },
    {
      title: t('imports.rejected'),
      dataIndex: 'rejectedCount',
      width: 80,
      align: 'right',
      render: formatCount,
    },
    { title: t('imports.actor'), dataIndex: 'actorName', width: 100, ellipsis: true },
    {
      title: t('imports.duration'),
      key: 'duration',
      width: 90,
      align: 'right',
      render: (_: unknown, row) => {
        const ms = Date.parse(row.finishedAt) - Date.parse(row.startedAt);
        return Number.isFinite(ms) && ms >= 0 ? t('imports.seconds', { value: (ms / 1000).toFixed(1) }) : '—';
      },
    },
  ];
  return (
    <Card title={t('imports.recent')} size="small" className="table-card">
      {batches.isError ? (
        <LoadError error={batches.error} onRetry={() => batches.refetch()} />
      ) : (
        <Table<ImportBatch>
          size="small"
          rowKey="id"
          className="batch-table"
          columns={columns}
          dataSource={batches.data}
          loading={batches.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('imports.noBatches') }}
          pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        />
      )}
    </Card>
  );
}

interface ImportForm {
  portfolio: string;
  acceptValid: boolean;
}

export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const portfolios = usePortfolios();
  const [form] = Form.useForm<ImportForm>();
  const chosenPortfolio = Form.useWatch('portfolio', form);
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = useMutation({
    mutationFn: async (input: { portfolio: string; acceptValid: boolean; file: File }) => {
      const body = new FormData();
      // Fields first, then the file: the server reads them in order from the stream.
      body.append('portfolio', input.portfolio);
      body.append('acceptValid', input.acceptValid ? 'true' : 'false');
      body.append('file', input.file, input.file.name);
      return api.upload<ImportResult>('/imports', body);
    },
    onMutate: () => setOutcome(null),
    onSuccess: (result, input) => setOutcome({ kind: 'result', fileName: input.file.name, result }),
    onError: (error, input) => {
      if (error instanceof ApiError && error.code === 'IMPORT_REJECTED' && isImportResult(error.details)) {
        setOutcome({ kind: 'result', fileName: input.file.name, result: error.details });
      } else {
        setOutcome({ kind: 'error', fileName: input.file.name, error });
      }
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['imports'] });
      void client.invalidateQueries({ queryKey: ['portfolios'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  const submit = (values: ImportForm) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    upload.mutate({ portfolio: values.portfolio, acceptValid: Boolean(values.acceptValid), file });
  };

  return (
    <div className="page">
      <Card
        title={t('imports.title')}
        extra={
          <a href="/api/v1/imports/template.csv" download className="template-link">
            <DownloadOutlined /> {t('imports.template')}
          </a>
        }
      >
        <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
        <Form<ImportForm>
          form={form}
          layout="vertical"
          className="import-form"
          initialValues={{ acceptValid: false }}
          onFinish={submit}
          onFinishFailed={() => setFileMissing(!file)}
        >
          <Form.Item
            name="portfolio"
            label={t('imports.portfolio')}
            rules={[{ required: true, message: t('imports.portfolioRequired') }]}
          >
            <Select
              className="import-portfolio"
              placeholder={t('imports.portfolioPlaceholder')}
              loading={portfolios.isPending}
              options={(portfolios.data ?? []).map((p) => ({
                value: p.code,
                label: `${p.name}（${p.code}）`,
              }))}
            />
          </Form.Item>
          <FileDropField
            label={t('imports.file')}
            accept=".xlsx,.csv"
            title={t('imports.dropTitle')}
            hint={t('imports.dropHint')}
            file={file}
            missing={fileMissing}
            missingMessage={t('imports.fileRequired')}
            onChange={(chosen) => {
              setFile(chosen);
              if (chosen) {
                setFileMissing(false);
                setOutcome(null);
              }
            }}
          />
          <Form.Item name="acceptValid" valuePropName="checked" extra={t('imports.acceptValidHint')}>
            <Checkbox className="accept-valid">{t('imports.acceptValid')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={upload.isPending}>
            {upload.isPending ? t('imports.uploading') : t('imports.submit')}
          </Button>
        </Form>
      </Card>
      {outcome && <OutcomePanel outcome={outcome} />}
      <RecentBatches portfolio={chosenPortfolio} />
    </div>
  );
}
