import {
  BarChartOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  PlusOutlined,
  SafetyCertificateFilled,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  type Cohort,
  pick,
  type Trainee,
  useAssignScenarios,
  useCohorts,
  useCreateCohort,
  useScenarios,
  useSetCohortMembers,
  useTrainees,
} from '../api/training';
import { LoadError } from '../components/Results';
import { Difficulty } from '../components/training/ScenarioTags';
import { formatDate } from '../lib/format';
import { useErrorText } from '../session';
import '../components/training/training.css';

type Assignment = Cohort['assignments'][number];

/** Trainees as select options: name, role and whether certified (searchable by name). */
function useTraineeOptions() {
  const { t } = useTranslation();
  const trainees = useTrainees();
  const roleName = (role: string) => t(`training.role.${role}`, { defaultValue: role });
  const options = (trainees.data ?? []).map((trainee: Trainee) => ({
    value: trainee.id,
    searchText: trainee.displayName,
    label: (
      <Space size={6}>
        <span>{trainee.displayName}</span>
        <Typography.Text type="secondary" className="trainee-option-role">
          {roleName(trainee.role)}
        </Typography.Text>
        {trainee.certified && <SafetyCertificateFilled style={{ color: '#16a34a' }} />}
      </Space>
    ),
  }));
  return { trainees, options };
}

function MembersSelect({ value, onChange }: { value?: string[]; onChange?: (value: string[]) => void }) {
  const { t } = useTranslation();
  const { trainees, options } = useTraineeOptions();
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={trainees.isPending}
      placeholder={t('training.cohorts.membersPlaceholder')}
      optionFilterProp="searchText"
      allowClear
      className="cohort-members-select"
    />
  );
}

function CreateCohortModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateCohort();
  const [form] = Form.useForm<{ name: string; memberIds?: string[] }>();
  const onFinish = (values: { name: string; memberIds?: string[] }) =>
    create.mutate(
      { name: values.name.trim(), memberIds: values.memberIds ?? [] },
      {
        onSuccess: () => {
          message.success(t('training.cohorts.created'));
          form.resetFields();
          onClose();
        },
        onError: (error) => message.error(errorText(error)),
      },
    );
  return (
    <Modal
      open={open}
      title={t('training.cohorts.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('training.cohorts.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      className="cohort-create-modal"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item
          name="name"
          label={t('training.cohorts.name')}
          rules={[{ required: true, whitespace: true, message: t('training.cohorts.nameRequired') }]}
        >
          <Input
            maxLength={100}
            placeholder={t('training.cohorts.namePlaceholder')}
            className="cohort-name"
          />
        </Form.Item>
        <Form.Item name="memberIds" label={t('training.cohorts.members')}>
          <MembersSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditMembersModal({ cohort, onClose }: { cohort: Cohort | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useSetCohortMembers();
  const [form] = Form.useForm<{ memberIds: string[] }>();
  const onFinish = (values: { memberIds?: string[] }) => {
    if (!cohort) return;
    save.mutate(
      { cohortId: cohort.id, memberIds: values.memberIds ?? [] },
      {
        onSuccess: () => {
          message.success(t('training.cohorts.membersSaved'));
          onClose();
        },
        onError: (error) => message.error(errorText(error)),
      },
    );
  };
  return (
    <Modal
      open={cohort !== null}
      title={cohort ? t('training.cohorts.editMembersTitle', { name: cohort.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      className="cohort-members-modal"
    >
      {cohort && (
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          preserve={false}
          initialValues={{ memberIds: cohort.members.map((m) => m.id) }}
        >
          <Form.Item name="memberIds" label={t('training.cohorts.members')}>
            <MembersSelect />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function AssignModal({ cohort, onClose }: { cohort: Cohort | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const scenarios = useScenarios(cohort !== null);
  const assign = useAssignScenarios();
  const [form] = Form.useForm<{ scenarioIds: string[]; dueDate?: Dayjs | null }>();
  const onFinish = (values: { scenarioIds: string[]; dueDate?: Dayjs | null }) => {
    if (!cohort) return;
    assign.mutate(
      {
        cohortId: cohort.id,
        body: {
          scenarioIds: values.scenarioIds,
          dueDate: values.dueDate ? values.dueDate.format('YYYY-MM-DD') : null,
        },
      },
      {
        onSuccess: () => {
          message.success(t('training.cohorts.assigned'));
          onClose();
        },
        onError: (error) => message.error(errorText(error)),
      },
    );
  };
  const options = (scenarios.data ?? []).map((scenario) => ({
    value: scenario.id,
    searchText: `${pick(scenario.title, i18n.language)} ${scenario.id}`,
    label: (
      <Space size={8}>
        <Difficulty level={scenario.difficulty} withText={false} />
        <span>{pick(scenario.title, i18n.language)}</span>
      </Space>
    ),
  }));
  return (
    <Modal
      open={cohort !== null}
      title={cohort ? t('training.cohorts.assignTitle', { name: cohort.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('training.cohorts.assign')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      destroyOnHidden
      width={600}
      className="cohort-assign-modal"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item
          name="scenarioIds"
          label={t('training.cohorts.scenarios')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('training.cohorts.scenariosRequired') },
          ]}
        >
          <Select
            mode="multiple"
            options={options}
            loading={scenarios.isPending}
            optionFilterProp="searchText"
            placeholder={t('training.cohorts.scenariosPlaceholder')}
            className="cohort-scenarios-select"
          />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('training.cohorts.dueDate')}
          extra={t('training.cohorts.dueOptional')}
        >
          <DatePicker
            className="cohort-due"
            disabledDate={(day) => day.isBefore(dayjs().startOf('day'))}
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CohortCard({
  cohort,
  onMembers,
  onAssign,
}: {
  cohort: Cohort;
  onMembers: () => void;
  onAssign: () => void;
}) {
  const { t, i18n } = useTranslation();
  const total = cohort.members.length;
  const today = dayjs().format('YYYY-MM-DD');
  const columns: TableColumnsType<Assignment> = [
    {
      title: t('training.cohorts.scenarios'),
      key: 'scenario',
      render: (_: unknown, row) => pick(row.scenarioTitle, i18n.language),
    },
    {
      title: t('training.cohorts.dueDate'),
      dataIndex: 'dueDate',
      width: 140,
      render: (due: string | null, row) =>
        due ? (
          <Tag
            icon={<CalendarOutlined />}
            color={due < today && row.passedBy < total ? 'red' : 'default'}
            className="assignment-due"
          >
            {formatDate(due)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('training.cohorts.noDue')}</Typography.Text>
        ),
    },
    {
      title: t('training.cohorts.passedColumn'),
      dataIndex: 'passedBy',
      width: 240,
      render: (passed: number) => (
        <div className="cohort-passed" data-passed={passed} data-total={total}>
          <Progress
            percent={total > 0 ? Math.round((passed / total) * 100) : 0}
            showInfo={false}
            size="small"
            strokeColor={passed === total && total > 0 ? '#16a34a' : '#1d4ed8'}
          />
          <span className="cohort-passed-text">{t('training.cohorts.passedBy', { passed, total })}</span>
        </div>
      ),
    },
  ];
  return (
    <Card
      className="cohort-card"
      data-cohort-id={cohort.id}
      title={
        <Space size={10} wrap>
          <TeamOutlined />
          <span className="cohort-name-text">{cohort.name}</span>
          <Tag>{t('training.cohorts.membersCount', { n: total })}</Tag>
          <Typography.Text type="secondary" className="cohort-created">
            {t('training.cohorts.createdAt', { at: formatDate(cohort.createdAt) })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<TeamOutlined />} onClick={onMembers} className="cohort-edit-members">
            {t('training.cohorts.editMembers')}
          </Button>
          <Button type="primary" icon={<ScheduleOutlined />} onClick={onAssign} className="cohort-assign">
            {t('training.cohorts.assign')}
          </Button>
          <Link to={`/training/transcripts?cohort=${cohort.id}`}>
            <Button icon={<FileSearchOutlined />}>{t('training.cohorts.transcripts')}</Button>
          </Link>
          <Link to={`/training/leaderboard?cohort=${cohort.id}`}>
            <Button icon={<BarChartOutlined />}>{t('training.cohorts.leaderboard')}</Button>
          </Link>
        </Space>
      }
    >
      <Typography.Text strong className="cohort-section">
        {t('training.cohorts.members')}
      </Typography.Text>
      <div className="cohort-members">
        {cohort.members.length === 0 ? (
          <Typography.Text type="secondary">{t('training.cohorts.noMembers')}</Typography.Text>
        ) : (
          cohort.members.map((member) => (
            <Tooltip
              key={member.id}
              title={member.certified ? t('training.certified') : t('training.notCertified')}
            >
              <Link to={`/training/trainees/${member.id}`}>
                <Tag
                  color={member.certified ? 'success' : 'default'}
                  icon={member.certified ? <SafetyCertificateFilled /> : undefined}
                  className="cohort-member"
                  data-member-id={member.id}
                >
                  {member.displayName}
                </Tag>
              </Link>
            </Tooltip>
          ))
        )}
      </div>
      <Typography.Text strong className="cohort-section cohort-section-assignments">
        {t('training.cohorts.assignments')}
      </Typography.Text>
      <Table<Assignment>
        rowKey="scenarioId"
        size="small"
        columns={columns}
        dataSource={cohort.assignments}
        pagination={false}
        className="cohort-assignments"
        locale={{ emptyText: t('training.cohorts.noAssignments') }}
      />
    </Card>
  );
}

/** 培训班: cohorts of trainees, their members and the scenarios assigned with how many have passed each. */
export function TrainingCohortsPage() {
  const { t } = useTranslation();
  const cohorts = useCohorts();
  const [creating, setCreating] = useState(false);
  const [membersOf, setMembersOf] = useState<Cohort | null>(null);
  const [assignTo, setAssignTo] = useState<Cohort | null>(null);

  if (cohorts.isPending) return <Skeleton active />;
  if (cohorts.isError) return <LoadError error={cohorts.error} onRetry={() => cohorts.refetch()} />;

  return (
    <div className="page training-cohorts">
      <Card>
        <div className="progress-head">
          <Typography.Title level={4} className="section-title">
            {t('training.cohorts.title')}
          </Typography.Title>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            className="cohort-create"
          >
            {t('training.cohorts.create')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary" className="training-intro">
          {t('training.cohorts.hint')}
        </Typography.Paragraph>
      </Card>
      {cohorts.data.length === 0 ? (
        <Card>
          <Empty description={t('training.cohorts.empty')} />
        </Card>
      ) : (
        cohorts.data.map((cohort) => (
          <CohortCard
            key={cohort.id}
            cohort={cohort}
            onMembers={() => setMembersOf(cohort)}
            onAssign={() => setAssignTo(cohort)}
          />
        ))
      )}
      <CreateCohortModal open={creating} onClose={() => setCreating(false)} />
      <EditMembersModal cohort={membersOf} onClose={() => setMembersOf(null)} />
      <AssignModal cohort={assignTo} onClose={() => setAssignTo(null)} />
    </div>
  );
}
