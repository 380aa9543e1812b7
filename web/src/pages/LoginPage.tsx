import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { HealthInfo, Locale } from '../api/types';
import { changeLocale } from '../i18n';
import { useErrorText, useLogin, useMe } from '../session';

/** Only same-site paths: a crafted ?redirect= must not send the user elsewhere. */
function safeRedirect(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const login = useLogin();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<HealthInfo>('/health'),
    staleTime: 5 * 60_000,
  });
  const target = safeRedirect(params.get('redirect'));

  if (me && !login.isPending) return <Navigate to={target} replace />;

  const onFinish = (values: LoginForm) => {
    login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) });
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <Segmented<Locale>
          size="small"
          value={i18n.language === 'en' ? 'en' : 'zh-CN'}
          onChange={(value) => void changeLocale(value)}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
        />
      </div>
      <div className="login-brand">
        <span className="login-mark">清</span>
        <div>
          <div className="login-product">清收 Qingshou</div>
          <div className="login-subtitle">{t('login.subtitle')}</div>
        </div>
      </div>
      <Card className="login-card" title={t('login.title')}>
        <Form<LoginForm>
          layout="vertical"
          size="large"
          onFinish={onFinish}
          requiredMark={false}
          autoComplete="on"
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {login.isError && (
            <Alert
              className="login-error"
              type="error"
              showIcon
              title={errorText(login.error)}
              role="alert"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-notice">
          {t('login.notice')}
        </Typography.Paragraph>
      </Card>
      {health.data && (
        <div className="login-footer">
          {t('login.version', {
            version: health.data.version,
            engine: health.data.engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
          })}
        </div>
      )}
    </div>
  );
}
