import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType, UploadFile } from 'antd';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Table, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../api/client';
import { useCollectors } from '../api/hooks';
import type { QaUploadProblem, QaUploadResult } from '../api/types';
import { formatCount } from '../lib/format';
import { useErrorText, usePermission } from '../session';
import { FindingCounts } from './QaListPage';

type Outcome =
  | { kind: 'stored'; result: QaUploadResult }
  | { kind: 'rejected'; problems: QaUploadProblem[] }
  | { kind: 'error'; error: unknown };

interface UploadForm {
  collector?: string;
  party?: 'debtor' | 'third_party';
  calledAt?: Dayjs;
}

function problemsOf(error: unknown): QaUploadProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'QA_UPLOAD_INVALID') return null;
  const details = error.details as { problems?: QaUploadProblem[] } | undefined;
  return Array.isArray(details?.problems) ? details.problems : null;
}

function ProblemTable({ problems }: { problems: QaUploadProblem[] }) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<QaUploadProblem> = [
    { title: t('qa.problemFile'), dataIndex: 'file', width: 200, ellipsis: true },
    {
      title: t('qa.problemLine'),
      dataIndex: 'line',
      width: 70,
      align: 'right',
      render: (line: number | null) => line ?? '—',
    },
    { title: t('qa.problemField'), dataIndex: 'field', width: 200 },
    {
      title: t('qa.problemReason'),
      key: 'reason',
      render: (_: unknown, row) => (i18n.language === 'en' ? row.reasonEn : row.reason),
    },
  ];
  return (
    <Table<QaUploadProblem>
      size="small"
      className="qa-problem-table"
      rowKey={(row) => `${row.file}-${row.line}-${row.field}-${row.reason}`}
      columns={columns}
      dataSource={problems}
      pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
    />
  );
}

function OutcomePanel({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (outcome.kind === 'error') {
    return (
      <Alert
        className="qa-upload-outcome qa-upload-error"
        type="error"
        showIcon
        title={errorText(outcome.error)}
      />
    );
  }
  if (outcome.kind === 'rejected') {
    return (
      <Card className="qa-upload-outcome qa-upload-rejected">
        <Alert
          type="error"
          showIcon
          title={t('qa.rejectedTitle', { n: formatCount(outcome.problems.length) })}
          description={t('qa.rejectedHint')}
        />
        <ProblemTable problems={outcome.problems} />
      </Card>
    );
  }
  const items = outcome.result.items;
  const columns: TableColumnsType<QaUploadResult['items'][number]> = [
    {
      title: t('qa.title'),
      dataIndex: 'title',
      render: (title: string, row) => <Link to={`/qa/transcripts/${row.id}`}>{title}</Link>,
    },
    {
      title: t('qa.findings'),
      key: 'findings',
      width: 220,
      render: (_: unknown, row) => <FindingCounts errors={row.errors} warnings={row.warnings} />,
    },
  ];
  return (
    <Card className="qa-upload-outcome qa-upload-stored">
      <Alert
        type="success"
        showIcon
        title={t('qa.uploadedTitle', { n: formatCount(items.length) })}
        description={t('qa.uploadedHint')}
      />
      <Table
        size="small"
        rowKey="id"
        className="qa-uploaded-table"
        columns={columns}
        dataSource={items}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
      />
    </Card>
  );
}

export function QaUploadPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canPickCollector = usePermission('users.read');
  const collectors = useCollectors();
  const [form] = Form.useForm<UploadForm>();
  const [files, setFiles] = useState<File[]>([]);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [filesMissing, setFilesMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = useMutation({
    mutationFn: (input: { values: UploadForm; files: File[] }) => {
      const body = new FormData();
      if (input.values.collector) body.append('collector', input.values.collector);
      if (input.values.party) body.append('party', input.values.party);
      if (input.values.calledAt) body.append('calledAt', input.values.calledAt.format());
      for (const file of input.files) body.append('file', file, file.name);
      return api.upload<QaUploadResult>('/qa/transcripts', body);
    },
    onMutate: () => setOutcome(null),
    onSuccess: (result) => {
      setOutcome({ kind: 'stored', result });
      setFiles([]);
      setFileList([]);
    },
    onError: (error) => {
      const problems = problemsOf(error);
      setOutcome(problems ? { kind: 'rejected', problems } : { kind: 'error', error });
    },
    onSettled: () => void client.invalidateQueries({ queryKey: ['qa'] }),
  });

  const submit = (values: UploadForm) => {
    if (files.length === 0) {
      setFilesMissing(true);
      return;
    }
    upload.mutate({ values, files });
  };

  return (
    <div className="page">
      <Card title={t('qa.uploadTitle')}>
        <Typography.Paragraph type="secondary">{t('qa.uploadIntro')}</Typography.Paragraph>
        <Row gutter={24}>
          <Col xs={24} xl={14}>
            <Form<UploadForm> form={form} layout="vertical" onFinish={submit} className="qa-upload-form">
              <Form.Item
                label={t('qa.files')}
                required
                validateStatus={filesMissing ? 'error' : undefined}
                help={filesMissing ? t('qa.filesRequired') : undefined}
              >
                <Upload.Dragger
                  multiple
                  accept=".json,.jsonl,.ndjson,.txt"
                  fileList={fileList}
                  beforeUpload={(file) => {
                    setFiles((previous) => [...previous.filter((f) => f.name !== file.name), file]);
                    setFileList((previous) => [
                      ...previous.filter((f) => f.name !== file.name),
                      { uid: file.uid, name: file.name, size: file.size, status: 'done' },
                    ]);
                    setFilesMissing(false);
                    setOutcome(null);
                    return false;
                  }}
                  onRemove={(removed) => {
                    setFiles((previous) => previous.filter((f) => f.name !== removed.name));
                    setFileList((previous) => previous.filter((f) => f.uid !== removed.uid));
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('qa.dropTitle')}</p>
                  <p className="ant-upload-hint">{t('qa.dropHint')}</p>
                </Upload.Dragger>
              </Form.Item>
              <Typography.Title level={5} className="sub-title">
                {t('qa.defaultsTitle')}
              </Typography.Title>
              <Row gutter={16}>
                {canPickCollector && (
                  <Col xs={24} md={8}>
                    <Form.Item name="collector" label={t('qa.defaultCollector')}>
                      <Select
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        className="qa-upload-collector"
                        placeholder={t('qa.defaultCollectorPlaceholder')}
                        options={(collectors.data ?? []).map((user) => ({
                          value: user.username,
                          label: user.teamName ? `${user.displayName}（${user.teamName}）` : user.displayName,
                        }))}
                      />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} md={8}>
                  <Form.Item name="party" label={t('qa.defaultParty')}>
                    <Select
                      allowClear
                      className="qa-upload-party"
                      placeholder={t('party.debtor')}
                      options={[
                        { value: 'debtor', label: t('party.debtor') },
                        { value: 'third_party', label: t('party.third_party') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="calledAt" label={t('qa.defaultCalledAt')}>
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      className="full-width"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={upload.isPending}>
                {upload.isPending ? t('qa.uploading') : t('qa.submit')}
              </Button>
            </Form>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('qa.formatsTitle')} className="qa-formats">
              <Typography.Paragraph className="qa-format-text">{t('qa.formatJson')}</Typography.Paragraph>
              <Typography.Paragraph className="qa-format-text">{t('qa.formatText')}</Typography.Paragraph>
              <pre className="qa-format-sample">
                {
                  '坐席：您好，我是清收银行信用卡中心的李明。\n客户：什么事？\n坐席：您的账单已逾期，请通过官方APP还款。'
                }
              </pre>
            </Card>
          </Col>
        </Row>
      </Card>
      {outcome && <OutcomePanel outcome={outcome} />}
    </div>
  );
}
