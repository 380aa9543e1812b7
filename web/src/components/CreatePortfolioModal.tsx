import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { CreatePortfolioBody, Portfolio } from '../api/types';
import { useErrorText } from '../session';

const productLines = ['credit_card', 'consumer_loan', 'auto_loan', 'mortgage', 'other'] as const;
const profiles = ['cn-cba', 'us-regf'] as const;

interface FormValues {
  code: string;
  name: string;
  creditor?: string;
  productLine: (typeof productLines)[number];
  complianceProfile: (typeof profiles)[number];
  timeZone: string;
}

/** 新建资产包 (admin and manager): the portfolio a file is imported into. */
export function CreatePortfolioModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const create = useMutation({
    mutationFn: (body: CreatePortfolioBody) => api.post<Portfolio>('/portfolios', body),
    onSuccess: async (portfolio) => {
      message.success(t('home.created', { code: portfolio.code }));
      await client.invalidateQueries({ queryKey: ['portfolios'] });
      form.resetFields();
      onClose();
    },
  });

  const submit = (values: FormValues) => {
    const creditor = values.creditor?.trim();
    create.mutate({
      code: values.code.trim(),
      name: values.name.trim(),
      ...(creditor ? { creditor } : {}),
      productLine: values.productLine,
      complianceProfile: values.complianceProfile,
      timeZone: values.timeZone.trim(),
    });
  };

  return (
    <Modal
      open={open}
      title={t('home.createPortfolio')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ productLine: 'credit_card', complianceProfile: 'cn-cba', timeZone: 'Asia/Shanghai' }}
      >
        <Form.Item
          name="code"
          label={t('portfolioForm.code')}
          extra={t('portfolioForm.codeHint')}
          rules={[
            { required: true, message: t('portfolioForm.codeRequired') },
            { pattern: /^[A-Za-z0-9_-]{2,32}$/, message: t('portfolioForm.codeInvalid') },
          ]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('portfolioForm.name')}
          rules={[{ required: true, whitespace: true, message: t('portfolioForm.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="creditor" label={t('portfolioForm.creditor')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="productLine" label={t('portfolioForm.productLine')}>
          <Select options={productLines.map((value) => ({ value, label: t(`productLine.${value}`) }))} />
        </Form.Item>
        <Form.Item name="complianceProfile" label={t('portfolioForm.complianceProfile')}>
          <Select options={profiles.map((value) => ({ value, label: t(`complianceProfile.${value}`) }))} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('portfolioForm.timeZone')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('portfolioForm.bucketsHint')}</Typography.Paragraph>
        {create.isError && <Alert type="error" showIcon title={errorText(create.error)} />}
      </Form>
    </Modal>
  );
}
