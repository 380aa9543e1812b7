import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { RevealBody, RevealField, RevealResult } from '../api/types';
import { useErrorText } from '../session';

interface RevealableTextProps {
  caseId: string;
  field: RevealField;
  /** The phone, address or contact row; omitted for the ID number. */
  itemId?: string;
  masked: string;
  allowed: boolean;
}

/**
 * A masked personal value with a 查看 button. Revealing asks for confirmation (and an optional purpose),
 * is audited by the server, and shows the value only here, in this component's state.
 */
export function RevealableText({ caseId, field, itemId, masked, allowed }: RevealableTextProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: (body: RevealBody) => api.post<RevealResult>(`/cases/${caseId}/reveal`, body),
    onSuccess: (result) => {
      setValue(result.value);
      setOpen(false);
      setPurpose('');
    },
  });

  const fieldName = t(`reveal.fields.${field}`);
  const confirm = () => {
    const trimmed = purpose.trim();
    reveal.mutate({ field, ...(itemId ? { itemId } : {}), ...(trimmed ? { purpose: trimmed } : {}) });
  };

  return (
    <Space size={4} className="revealable" data-field={field}>
      <Typography.Text className={value ? 'pii-revealed' : 'pii-masked'} copyable={false}>
        {value ?? masked}
      </Typography.Text>
      {allowed && !value && (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          onClick={() => {
            reveal.reset();
            setOpen(true);
          }}
        >
          {t('reveal.action')}
        </Button>
      )}
      {value && (
        <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={() => setValue(null)}>
          {t('reveal.hide')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('reveal.title', { field: fieldName })}
        okText={t('reveal.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={reveal.isPending}
        onOk={confirm}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('reveal.warning')} />
          <Form layout="vertical" onFinish={confirm}>
            <Form.Item label={t('reveal.purpose')} style={{ marginBottom: 20 }}>
              <Input.TextArea
                value={purpose}
                maxLength={200}
                showCount
                autoSize={{ minRows: 2, maxRows: 4 }}
                placeholder={t('reveal.purposePlaceholder')}
                onChange={(event) => setPurpose(event.target.value)}
              />
            </Form.Item>
          </Form>
          {reveal.isError && <Alert type="error" showIcon title={errorText(reveal.error)} />}
        </Space>
      </Modal>
    </Space>
  );
}
