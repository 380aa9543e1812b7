import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  ExportOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  MessageOutlined,
  MoneyCollectOutlined,
  PhoneOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  SoundOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import {
  App,
  Avatar,
  Breadcrumb,
  Button,
  Layout,
  Menu,
  Segmented,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Locale } from '../api/types';
import { changeLocale } from '../i18n';
import {
  COMPLIANCE_READERS,
  hasPermission,
  useCurrentUser,
  useErrorText,
  useLogout,
  useSwitchLocale,
} from '../session';

const { Header, Sider, Content } = Layout;

interface NavEntry {
  key: string;
  labelKey: string;
  icon: ReactNode;
  /** Needed to see the entry: one permission, or several of which any one will do. */
  permission?: string | readonly string[];
}

interface NavGroup {
  key: string;
  labelKey: string;
  icon: ReactNode;
  /** Shown when the user may see at least one of them. */
  children: NavEntry[];
}

const navigation: NavEntry[] = [
  { key: '/', labelKey: 'nav.home', icon: <HomeOutlined /> },
  { key: '/queue', labelKey: 'nav.queue', icon: <ThunderboltOutlined />, permission: 'contacts.create' },
  { key: '/cases', labelKey: 'nav.cases', icon: <SolutionOutlined />, permission: 'cases.read' },
  {
    key: '/payments',
    labelKey: 'money.nav.payments',
    icon: <MoneyCollectOutlined />,
    permission: ['cases.read', 'payments.post'],
  },
  { key: '/sms', labelKey: 'money.nav.sms', icon: <MessageOutlined />, permission: 'sms.read' },
  { key: '/imports', labelKey: 'nav.imports', icon: <CloudUploadOutlined />, permission: 'imports.create' },
  { key: '/qa', labelKey: 'nav.qa', icon: <AuditOutlined />, permission: 'qa.read' },
  { key: '/qa/scores', labelKey: 'nav.qaScores', icon: <BarChartOutlined />, permission: 'qa.read' },
  // 听录音清单 is the team leads' and managers' (the roles that assign cases).
  {
    key: '/listening',
    labelKey: 'followup.nav.listening',
    icon: <SoundOutlined />,
    permission: 'cases.assign',
  },
  { key: '/templates', labelKey: 'nav.templates', icon: <FileTextOutlined />, permission: 'templates.read' },
  {
    key: '/strategy',
    labelKey: 'strategy.nav.strategy',
    icon: <ClusterOutlined />,
    permission: ['strategy.manage', 'cases.read'],
  },
  {
    key: '/approvals',
    labelKey: 'nav.approvals',
    icon: <CheckSquareOutlined />,
    permission: ['waivers.approve', 'complaints.release'],
  },
  { key: '/team', labelKey: 'assignment.nav.team', icon: <TeamOutlined />, permission: 'cases.assign' },
  {
    key: '/assignment',
    labelKey: 'assignment.nav.rules',
    icon: <ApartmentOutlined />,
    permission: 'placements.manage',
  },
  {
    key: '/placements',
    labelKey: 'assignment.nav.placements',
    icon: <ExportOutlined />,
    permission: 'placements.manage',
  },
  {
    key: '/compliance',
    labelKey: 'nav.compliance',
    icon: <SafetyCertificateOutlined />,
    permission: COMPLIANCE_READERS,
  },
];

/** 培训: the trainee's screens, then the trainer's. */
const trainingGroup: NavGroup = {
  key: 'training',
  labelKey: 'training.nav.group',
  icon: <ReadOutlined />,
  children: [
    {
      key: '/training',
      labelKey: 'training.nav.library',
      icon: <PhoneOutlined />,
      permission: 'training.practice',
    },
    {
      key: '/training/progress',
      labelKey: 'training.nav.progress',
      icon: <LineChartOutlined />,
      permission: 'training.practice',
    },
    {
      key: '/training/quiz',
      labelKey: 'training.nav.quiz',
      icon: <FormOutlined />,
      permission: 'training.practice',
    },
    {
      key: '/training/cohorts',
      labelKey: 'training.nav.cohorts',
      icon: <UsergroupAddOutlined />,
      permission: 'training.manage',
    },
    {
      key: '/training/transcripts',
      labelKey: 'training.nav.transcripts',
      icon: <FileSearchOutlined />,
      permission: 'training.manage',
    },
    {
      key: '/training/leaderboard',
      labelKey: 'training.nav.leaderboard',
      icon: <TrophyOutlined />,
      permission: 'training.manage',
    },
  ],
};

const allEntries: NavEntry[] = [...navigation, ...trainingGroup.children];

/** The menu entry of a path (the longest matching one); none for an unknown path (the 404 page). */
function selectedKey(pathname: string): string[] {
  if (pathname === '/') return ['/'];
  // A trainee's progress is reached from the trainer's lists; it belongs with 练习记录.
  if (pathname.startsWith('/training/trainees/')) return ['/training/transcripts'];
  const match = allEntries
    .filter((entry) => entry.key !== '/')
    .filter((entry) => pathname === entry.key || pathname.startsWith(`${entry.key}/`))
    .sort((a, b) => b.key.length - a.key.length)[0];
  return match ? [match.key] : [];
}

/** Breadcrumb trail below home: [label key, link or null for the current page]. */
function trailOf(pathname: string): [string, string | null][] | null {
  const parts = pathname.split('/').filter(Boolean);
  const [section, sub] = parts;
  switch (section) {
    case 'cases':
      return parts.length > 1
        ? [
            ['nav.cases', '/cases'],
            ['nav.caseDetail', null],
          ]
        : [['nav.cases', null]];
    case 'queue':
      return parts.length === 1 ? [['nav.queue', null]] : null;
    case 'imports':
      return parts.length === 1 ? [['nav.imports', null]] : null;
    case 'qa':
      if (parts.length === 1) return [['nav.qa', null]];
      if (sub === 'scores') return [['nav.qaScores', null]];
      if (sub === 'upload')
        return [
          ['nav.qa', '/qa'],
          ['nav.qaUpload', null],
        ];
      if (sub === 'transcripts')
        return [
          ['nav.qa', '/qa'],
          ['nav.qaTranscript', null],
        ];
      return null;
    case 'strategy':
      return parts.length === 1 ? [['strategy.nav.strategy', null]] : null;
    case 'compliance':
      return parts.length === 1 ? [['nav.compliance', null]] : null;
    case 'listening':
      return parts.length === 1 ? [['followup.nav.listening', null]] : null;
    case 'approvals':
      return parts.length === 1 ? [['nav.approvals', null]] : null;
    case 'team':
      return parts.length === 1 ? [['assignment.nav.team', null]] : null;
    case 'assignment':
      return parts.length === 1 ? [['assignment.nav.rules', null]] : null;
    case 'placements':
      return parts.length === 1 ? [['assignment.nav.placements', null]] : null;
    case 'payments':
      return parts.length === 1 ? [['money.nav.payments', null]] : null;
    case 'sms':
      return parts.length === 1 ? [['money.nav.sms', null]] : null;
    case 'training':
      return trainingTrail(sub, parts.length);
    case 'templates':
      return parts.length > 1
        ? [
            ['nav.templates', '/templates'],
            ['nav.templateEditor', null],
          ]
        : [['nav.templates', null]];
    default:
      return null;
  }
}

function trainingTrail(sub: string | undefined, depth: number): [string, string | null][] | null {
  const group: [string, string | null] = ['training.nav.group', null];
  if (depth === 1) return [group, ['training.nav.library', null]];
  switch (sub) {
    case 'sessions':
      return depth === 3
        ? [group, ['training.nav.library', '/training'], ['training.nav.session', null]]
        : null;
    case 'trainees':
      return depth === 3
        ? [
            group,
            ['training.nav.transcripts', '/training/transcripts'],
            ['training.nav.traineeProgress', null],
          ]
        : null;
    case 'progress':
      return depth === 2 ? [group, ['training.nav.progress', null]] : null;
    case 'quiz':
      return depth === 2 ? [group, ['training.nav.quiz', null]] : null;
    case 'cohorts':
      return depth === 2 ? [group, ['training.nav.cohorts', null]] : null;
    case 'transcripts':
      return depth === 2 ? [group, ['training.nav.transcripts', null]] : null;
    case 'leaderboard':
      return depth === 2 ? [group, ['training.nav.leaderboard', null]] : null;
    default:
      return null;
  }
}

function Crumbs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items: { title: ReactNode }[] = [{ title: <Link to="/">{t('nav.home')}</Link> }];
  const trail = trailOf(pathname);
  if (trail) {
    for (const [key, link] of trail) items.push({ title: link ? <Link to={link}>{t(key)}</Link> : t(key) });
  } else if (pathname !== '/') {
    items.push({ title: t('errors.notFoundTitle') });
  }
  if (items.length === 1) return <Typography.Text strong>{t('nav.home')}</Typography.Text>;
  return <Breadcrumb items={items} />;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const logout = useLogout();
  const switchLocale = useSwitchLocale();
  const [collapsed, setCollapsed] = useState(false);

  // Adopt the user's saved language once per signed-in user (e.g. after a reload).
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (appliedFor.current === me.id) return;
    appliedFor.current = me.id;
    if (me.locale !== i18n.language) void changeLocale(me.locale);
  }, [me, i18n]);

  const visible = (entry: NavEntry) => !entry.permission || hasPermission(me, entry.permission);
  const item = (entry: NavEntry) => ({ key: entry.key, icon: entry.icon, label: t(entry.labelKey) });
  const trainingItems = trainingGroup.children.filter(visible).map(item);
  const menuItems: MenuProps['items'] = [
    ...navigation.filter(visible).map(item),
    ...(trainingItems.length > 0
      ? [
          {
            key: trainingGroup.key,
            icon: trainingGroup.icon,
            label: t(trainingGroup.labelKey),
            children: trainingItems,
          },
        ]
      : []),
  ];

  const roleName = i18n.language === 'en' ? me.roleNameEn : me.roleName;
  const unit = me.agencyName
    ? t('header.agency', { name: me.agencyName })
    : me.teamName
      ? t('header.team', { name: me.teamName })
      : null;

  const onLocale = (value: Locale) => {
    switchLocale(value).catch((error: unknown) => message.error(errorText(error)));
  };

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        message.success(t('header.loggedOut'));
        navigate('/login', { replace: true });
      },
    });
  };

  return (
    <Layout className="app-shell">
      <Sider
        width={208}
        collapsedWidth={64}
        collapsed={collapsed}
        trigger={null}
        theme="dark"
        className="app-sider"
      >
        <Link to="/" className="app-logo" aria-label={t('app.fullName')}>
          <span className="app-logo-mark">清</span>
          {!collapsed && (
            <span className="app-logo-text">
              清收 <span className="app-logo-latin">Qingshou</span>
            </span>
          )}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedKey(location.pathname)}
          defaultOpenKeys={location.pathname.startsWith('/training') ? [trainingGroup.key] : []}
          items={menuItems}
          onClick={({ key }) => navigate(key)}
          className="app-menu"
        />
      </Sider>
      <Layout>
        <Header className="app-header">
          <Space size={12}>
            <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
              <Button
                type="text"
                aria-label={collapsed ? t('header.expand') : t('header.collapse')}
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed((value) => !value)}
              />
            </Tooltip>
            <Crumbs />
          </Space>
          <Space size={16} className="app-header-right">
            <Segmented<Locale>
              size="small"
              value={i18n.language === 'en' ? 'en' : 'zh-CN'}
              onChange={onLocale}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
              aria-label={t('header.language')}
            />
            <Space size={8} className="app-user">
              <Avatar size="small" icon={<UserOutlined />} className="app-avatar" />
              <span className="app-user-name">{me.displayName}</span>
              <Tag color="blue" className="app-user-role">
                {roleName}
              </Tag>
              {unit && <span className="app-user-unit">{unit}</span>}
            </Space>
            <Button type="text" icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending}>
              {t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="app-content">
          <Suspense
            fallback={
              <div className="page-loading">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
