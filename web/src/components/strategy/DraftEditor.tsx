import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  ExclamationCircleFilled,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Divider,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ESCALATION_ACTIONS,
  RISK_LEVELS,
  SCRIPT_STAGES,
  SEGMENT_CLASSES,
  STRATEGY_CHANNELS,
  type StrategyOverview,
  type StrategyProblem,
  type StrategyVersionDetail,
  strategyProblemsOf,
  useActivate,
  useSaveDraft,
} from '../../api/strategy';
import { useErrorText } from '../../session';
import {
  blankSegment,
  type EditableEscalation,
  type EditableSegment,
  type FieldKey,
  mapProblems,
  newUid,
  type ProblemMap,
  problemCount,
  toDefinition,
  toEditable,
} from './draftModel';
import { CHANGE_COLORS, classLabel } from './strategyText';

const NO_PROBLEMS: ProblemMap = { bySegment: {}, general: [] };

interface Props {
  code: string;
  overview: StrategyOverview;
  draft: StrategyVersionDetail;
  /** Called after the draft was activated. */
  onActivated: (version: number) => void;
}

/** The manager's editor of a portfolio's draft: segments in order on the left, the chosen one's form on the right. */
export function DraftEditor({ code, overview, draft, onActivated }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [segments, setSegments] = useState<EditableSegment[]>(() =>
    draft.definition.segments.map(toEditable),
  );
  const [note, setNote] = useState(draft.note);
  const [selected, setSelected] = useState<string | null>(() => segments[0]?.uid ?? null);
  const [problems, setProblems] = useState<ProblemMap>(NO_PROBLEMS);
  const [dirty, setDirty] = useState(false);
  const [activating, setActivating] = useState(false);
  const [activationNote, setActivationNote] = useState('');
  const save = useSaveDraft(code);
  const activate = useActivate(code);

  const current = segments.find((s) => s.uid === selected) ?? null;
  const currentIndex = current ? segments.indexOf(current) : -1;

  const change = (uid: string, patch: Partial<EditableSegment>, fields: FieldKey[]) => {
    setSegments((list) => list.map((s) => (s.uid === uid ? { ...s, ...patch } : s)));
    setDirty(true);
    clearProblems(uid, fields);
  };
  const clearProblems = (uid: string, fields: FieldKey[]) => {
    const own = problems.bySegment[uid];
    if (!own || !fields.some((f) => own[f])) return;
    setProblems((map) => {
      const next = { ...(map.bySegment[uid] ?? {}) };
      for (const f of fields) delete next[f];
      return { ...map, bySegment: { ...map.bySegment, [uid]: next } };
    });
  };

  const move = (uid: string, by: -1 | 1) => {
    setSegments((list) => {
      const from = list.findIndex((s) => s.uid === uid);
      const to = from + by;
      if (from < 0 || to < 0 || to >= list.length) return list;
      const next = [...list];
      const [item] = next.splice(from, 1);
      if (item) next.splice(to, 0, item);
      return next;
    });
    setDirty(true);
  };
  const add = () => {
    const names = { zh: t('strategy.editor.newSegmentZh'), en: t('strategy.editor.newSegmentEn') };
    let n = segments.length + 1;
    while (segments.some((s) => s.key === `segment_${n}`)) n++;
    const segment = blankSegment(n, names);
    // Before the catch-all, which stays last.
    setSegments((list) => [...list.slice(0, Math.max(0, list.length - 1)), segment, ...list.slice(-1)]);
    setSelected(segment.uid);
    setDirty(true);
  };
  const remove = (uid: string) => {
    const index = segments.findIndex((s) => s.uid === uid);
    const next = segments.filter((s) => s.uid !== uid);
    setSegments(next);
    setSelected(next[Math.min(index, next.length - 1)]?.uid ?? null);
    setDirty(true);
  };
  const reset = () => {
    const fresh = draft.definition.segments.map(toEditable);
    setSegments(fresh);
    setNote(draft.note);
    setSelected(fresh[0]?.uid ?? null);
    setProblems(NO_PROBLEMS);
    setDirty(false);
  };

  const onSave = () => {
    save.mutate(
      { version: draft.version, body: { definition: toDefinition(segments), note } },
      {
        onSuccess: (saved) => {
          const fresh = saved.definition.segments.map(toEditable);
          const index = Math.max(0, currentIndex);
          setSegments(fresh);
          setSelected(fresh[Math.min(index, fresh.length - 1)]?.uid ?? null);
          setProblems(NO_PROBLEMS);
          setDirty(false);
          message.success(t('strategy.actions.saved'));
        },
        onError: (error) => {
          const found = strategyProblemsOf(error);
          if (!found) {
            message.error(errorText(error));
            return;
          }
          const map = mapProblems(found, segments);
          setProblems(map);
          const first = segments.find((s) => problemCount(map, s.uid) > 0);
          if (first && (!current || problemCount(map, current.uid) === 0)) setSelected(first.uid);
          message.error(t('strategy.actions.refused', { count: found.length }));
        },
      },
    );
  };

  const onActivate = () => {
    // mutateAsync: the answer arrives even when the editor is gone (the draft became the active version).
    activate
      .mutateAsync({ version: draft.version, body: { note: activationNote.trim() || undefined } })
      .then((active) => {
        setActivating(false);
        message.success(t('strategy.actions.activated', { version: active.version }));
        onActivated(active.version);
      })
      .catch((error: unknown) => {
        setActivating(false);
        const found = strategyProblemsOf(error);
        if (found?.some((p) => p.field.startsWith('segments'))) {
          setProblems(mapProblems(found, segments));
          message.error(t('strategy.actions.refused', { count: found.length }));
        } else message.error(errorText(error));
      });
  };

  const problemText = (p: StrategyProblem) => (en ? p.en : p.zh);
  const fieldProps = (uid: string, field: FieldKey) => {
    const list = problems.bySegment[uid]?.[field];
    if (!list?.length) return {};
    return {
      validateStatus: 'error' as const,
      help: (
        <span className="strategy-field-error" data-field={field}>
          {list.map(problemText).join('；')}
        </span>
      ),
    };
  };

  const activeVersion = overview.activeVersion;
  return (
    <div className="strategy-editor">
      <Card className="strategy-editor-bar" size="small">
        <Row gutter={[16, 8]} align="middle">
          <Col>
            <Typography.Text strong className="strategy-note-label">
              {t('strategy.editor.note')}
            </Typography.Text>
          </Col>
          <Col flex="auto">
            <Input
              className="strategy-note"
              value={note}
              maxLength={500}
              aria-label={t('strategy.editor.note')}
              placeholder={t('strategy.editor.notePlaceholder')}
              onChange={(event) => {
                setNote(event.target.value);
                setDirty(true);
              }}
            />
          </Col>
          <Col>
            <Space wrap>
              {dirty && (
                <Tag color="orange" className="strategy-dirty">
                  {t('strategy.actions.unsaved')}
                </Tag>
              )}
              <Popconfirm
                title={t('strategy.actions.resetConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={reset}
                disabled={!dirty}
              >
                <Button disabled={!dirty} className="strategy-reset">
                  {t('strategy.actions.reset')}
                </Button>
              </Popconfirm>
              <Button
                type="primary"
                ghost
                onClick={onSave}
                loading={save.isPending}
                className="strategy-save"
              >
                {t('strategy.actions.save')}
              </Button>
              <Tooltip title={dirty ? t('strategy.actions.saveBeforeActivate') : undefined}>
                <Button
                  type="primary"
                  disabled={dirty}
                  onClick={() => {
                    setActivationNote(draft.note);
                    setActivating(true);
                  }}
                  className="strategy-activate"
                >
                  {t('strategy.actions.activate')}
                </Button>
              </Tooltip>
            </Space>
          </Col>
        </Row>
        {problems.general.length > 0 && (
          <Alert
            type="error"
            showIcon
            className="strategy-general-problems"
            title={t('strategy.editor.otherProblems')}
            description={
              <ul>
                {problems.general.map((p) => (
                  <li key={`${p.field}-${p.code}`}>{problemText(p)}</li>
                ))}
              </ul>
            }
          />
        )}
      </Card>

      <Row gutter={16} className="strategy-editor-body">
        <Col xs={24} lg={8} xl={7}>
          <Card
            size="small"
            title={t('strategy.editor.segments')}
            className="strategy-segment-list-card"
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={add} className="strategy-add-segment">
                {t('strategy.editor.add')}
              </Button>
            }
          >
            <Typography.Paragraph type="secondary" className="strategy-hint">
              {t('strategy.editor.segmentsHint')}
            </Typography.Paragraph>
            <ol className="strategy-segment-list">
              {segments.map((s, index) => {
                const count = problemCount(problems, s.uid);
                const last = index === segments.length - 1;
                return (
                  <li
                    key={s.uid}
                    className={`strategy-segment-item${s.uid === selected ? ' selected' : ''}${count ? ' has-problems' : ''}`}
                    data-key={s.key}
                  >
                    <button
                      type="button"
                      className="strategy-segment-select"
                      onClick={() => setSelected(s.uid)}
                    >
                      <span className="strategy-segment-index">{index + 1}</span>
                      <span className="strategy-segment-label">
                        <span className="strategy-segment-title" title={(en ? s.nameEn : s.nameZh) || s.key}>
                          {(en ? s.nameEn : s.nameZh) || s.key}
                        </span>
                        <span className="strategy-segment-key">{s.key}</span>
                      </span>
                      {last && <Tag className="strategy-catch-all-tag">{t('strategy.editor.catchAll')}</Tag>}
                      {count > 0 && (
                        <Tooltip title={t('strategy.editor.problems', { n: count })}>
                          <Badge count={count} size="small" className="strategy-problem-badge" />
                        </Tooltip>
                      )}
                    </button>
                    <span className="strategy-segment-moves">
                      <Tooltip title={t('strategy.editor.moveUp')}>
                        <Button
                          size="small"
                          type="text"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('strategy.editor.moveUp')}
                          disabled={index === 0}
                          onClick={() => move(s.uid, -1)}
                          className="strategy-move-up"
                        />
                      </Tooltip>
                      <Tooltip title={t('strategy.editor.moveDown')}>
                        <Button
                          size="small"
                          type="text"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('strategy.editor.moveDown')}
                          disabled={last}
                          onClick={() => move(s.uid, 1)}
                          className="strategy-move-down"
                        />
                      </Tooltip>
                    </span>
                  </li>
                );
              })}
            </ol>
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          {current ? (
            <SegmentForm
              key={current.uid}
              segment={current}
              index={currentIndex}
              isLast={currentIndex === segments.length - 1}
              canRemove={segments.length > 1}
              overview={overview}
              problems={problems.bySegment[current.uid] ?? {}}
              fieldProps={(field) => fieldProps(current.uid, field)}
              onChange={(patch, fields) => change(current.uid, patch, fields)}
              onRemove={() => remove(current.uid)}
            />
          ) : (
            <Card>
              <Empty description={t('strategy.editor.select')} />
            </Card>
          )}
        </Col>
      </Row>

      <Modal
        open={activating}
        title={t('strategy.activateModal.title', { version: draft.version })}
        okText={t('strategy.activateModal.ok')}
        cancelText={t('common.cancel')}
        onOk={onActivate}
        confirmLoading={activate.isPending}
        onCancel={() => setActivating(false)}
        okButtonProps={{ className: 'strategy-activate-ok' }}
        destroyOnHidden
        width={640}
      >
        <Alert
          type="warning"
          showIcon
          className="strategy-activate-warning"
          title={
            activeVersion
              ? t('strategy.activateModal.body', { active: activeVersion })
              : t('strategy.activateModal.bodyFirst')
          }
        />
        {draft.changes.length > 0 && (
          <div className="strategy-activate-changes">
            <Typography.Text strong>{t('strategy.activateModal.changes')}</Typography.Text>
            <ul className="strategy-changes">
              {draft.changes.map((c) => (
                <li key={`${c.segmentKey}-${c.kind}`}>
                  <Tag color={CHANGE_COLORS[c.kind]}>{t(`strategy.change.${c.kind}`)}</Tag>
                  {en ? c.en : c.zh}
                </li>
              ))}
            </ul>
          </div>
        )}
        <Form layout="vertical" className="strategy-activate-form">
          <Form.Item label={t('strategy.activateModal.note')}>
            <Input.TextArea
              className="strategy-activate-note"
              value={activationNote}
              maxLength={500}
              autoSize={{ minRows: 2, maxRows: 5 }}
              placeholder={t('strategy.activateModal.notePlaceholder')}
              onChange={(event) => setActivationNote(event.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

interface SegmentFormProps {
  segment: EditableSegment;
  index: number;
  isLast: boolean;
  canRemove: boolean;
  overview: StrategyOverview;
  problems: Partial<Record<FieldKey, StrategyProblem[]>>;
  fieldProps: (field: FieldKey) => { validateStatus?: 'error'; help?: ReactNode };
  onChange: (patch: Partial<EditableSegment>, fields: FieldKey[]) => void;
  onRemove: () => void;
}

function SegmentForm({
  segment,
  index,
  isLast,
  canRemove,
  overview,
  problems,
  fieldProps,
  onChange,
  onRemove,
}: SegmentFormProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const s = segment;
  const calls = s.channels.includes('call');
  const sms = s.channels.includes('sms');
  const segmentProblems = [...(problems.segment ?? []), ...(problems.conditions ?? [])];
  const classOptions = useMemo(
    () => SEGMENT_CLASSES.map((value) => ({ value, label: classLabel(t, value) })),
    [t],
  );
  const setEscalation = (uid: string, patch: Partial<EditableEscalation>, field: string) =>
    onChange({ escalations: s.escalations.map((e) => (e.uid === uid ? { ...e, ...patch } : e)) }, [
      `esc:${uid}:${field}` as FieldKey,
      `esc:${uid}:row` as FieldKey,
      'escalations',
    ]);

  return (
    <Card
      className="strategy-segment-form"
      data-key={s.key}
      title={
        <Space size={8}>
          <span className="strategy-segment-index">{index + 1}</span>
          <span>{(en ? s.nameEn : s.nameZh) || s.key}</span>
          {isLast && <Tag className="strategy-catch-all-tag">{t('strategy.editor.catchAll')}</Tag>}
        </Space>
      }
      extra={
        <Popconfirm
          title={t('strategy.editor.removeConfirm', { name: en ? s.nameEn : s.nameZh })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={onRemove}
          disabled={!canRemove}
        >
          <Button
            danger
            size="small"
            icon={<DeleteOutlined />}
            disabled={!canRemove}
            className="strategy-remove-segment"
          >
            {t('strategy.editor.remove')}
          </Button>
        </Popconfirm>
      }
    >
      {segmentProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          icon={<ExclamationCircleFilled />}
          className="strategy-segment-problems"
          title={segmentProblems.map((p) => (en ? p.en : p.zh)).join('；')}
        />
      )}
      <Form layout="vertical" className="strategy-form" requiredMark={false}>
        <Divider titlePlacement="start" className="strategy-section">
          {t('strategy.editor.basics')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('strategy.editor.key')}
              extra={t('strategy.editor.keyHint')}
              {...fieldProps('key')}
            >
              <Input
                className="strategy-key"
                value={s.key}
                maxLength={40}
                onChange={(e) => onChange({ key: e.target.value }, ['key'])}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('strategy.editor.nameZh')} {...fieldProps('nameZh')}>
              <Input
                className="strategy-name-zh"
                value={s.nameZh}
                maxLength={60}
                onChange={(e) => onChange({ nameZh: e.target.value }, ['nameZh'])}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('strategy.editor.nameEn')} {...fieldProps('nameEn')}>
              <Input
                className="strategy-name-en"
                value={s.nameEn}
                maxLength={60}
                onChange={(e) => onChange({ nameEn: e.target.value }, ['nameEn'])}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" className="strategy-section">
          {t('strategy.editor.conditions')}
        </Divider>
        <Typography.Paragraph type="secondary" className="strategy-hint">
          {t('strategy.editor.conditionsHint')}
        </Typography.Paragraph>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('strategy.when.buckets')} {...fieldProps('buckets')}>
              <Select
                mode="multiple"
                allowClear
                className="strategy-buckets"
                placeholder={t('strategy.when.any')}
                value={s.buckets}
                options={[...new Set([...overview.portfolio.buckets, ...s.buckets])].map((code) => ({
                  value: code,
                  label: code,
                }))}
                onChange={(buckets: string[]) => onChange({ buckets }, ['buckets', 'conditions', 'segment'])}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('strategy.when.riskLevels')} {...fieldProps('riskLevels')}>
              <Select
                mode="multiple"
                allowClear
                className="strategy-risk-levels"
                placeholder={t('strategy.when.any')}
                value={s.riskLevels}
                options={RISK_LEVELS.map((value) => ({ value, label: t(`strategy.risk.${value}`) }))}
                onChange={(riskLevels: string[]) =>
                  onChange({ riskLevels }, ['riskLevels', 'conditions', 'segment'])
                }
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('strategy.when.classes')} {...fieldProps('classes')}>
              <Checkbox.Group
                className="strategy-classes"
                value={s.classes}
                options={classOptions}
                onChange={(classes) =>
                  onChange({ classes: classes as number[] }, ['classes', 'conditions', 'segment'])
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('strategy.when.balanceMin')} {...fieldProps('balanceMin')}>
              <InputNumber<number>
                className="strategy-balance-min full-width"
                value={s.balanceMinYuan}
                min={0}
                precision={2}
                prefix="¥"
                placeholder={t('strategy.when.noLimit')}
                onChange={(value) =>
                  onChange({ balanceMinYuan: value ?? null }, [
                    'balanceMin',
                    'balanceMax',
                    'conditions',
                    'segment',
                  ])
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('strategy.when.balanceMax')} {...fieldProps('balanceMax')}>
              <InputNumber<number>
                className="strategy-balance-max full-width"
                value={s.balanceMaxYuan}
                min={0}
                precision={2}
                prefix="¥"
                placeholder={t('strategy.when.noLimit')}
                onChange={(value) =>
                  onChange({ balanceMaxYuan: value ?? null }, [
                    'balanceMin',
                    'balanceMax',
                    'conditions',
                    'segment',
                  ])
                }
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" className="strategy-section">
          {t('strategy.editor.planTitle')}
        </Divider>
        <Form.Item label={t('strategy.plan.channels')} {...fieldProps('channels')}>
          <Checkbox.Group
            className="strategy-channels"
            value={s.channels}
            options={STRATEGY_CHANNELS.map((value) => ({ value, label: t(`strategy.channel.${value}`) }))}
            onChange={(channels) =>
              onChange({ channels: channels as string[] }, [
                'channels',
                'callEveryDays',
                'smsTemplate',
                'smsEveryDays',
              ])
            }
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('strategy.plan.callEveryDays')} {...fieldProps('callEveryDays')}>
              <InputNumber<number>
                className="strategy-call-every full-width"
                value={calls ? s.callEveryDays : null}
                disabled={!calls}
                min={1}
                max={30}
                precision={0}
                suffix={t('strategy.plan.days')}
                onChange={(value) => onChange({ callEveryDays: value ?? null }, ['callEveryDays'])}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('strategy.plan.smsTemplate')}
              extra={
                sms && overview.smsTemplates.length === 0 ? t('strategy.plan.noSmsTemplates') : undefined
              }
              {...fieldProps('smsTemplate')}
            >
              <Select
                className="strategy-sms-template"
                allowClear
                disabled={!sms}
                value={sms ? (s.smsTemplateFamilyId ?? undefined) : undefined}
                placeholder={t('strategy.plan.smsTemplatePlaceholder')}
                options={overview.smsTemplates.map((tpl) => ({ value: tpl.familyId, label: tpl.name }))}
                onChange={(value: string | undefined) =>
                  onChange({ smsTemplateFamilyId: value ?? null }, ['smsTemplate'])
                }
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('strategy.plan.smsEveryDays')} {...fieldProps('smsEveryDays')}>
              <InputNumber<number>
                className="strategy-sms-every full-width"
                value={sms ? s.smsEveryDays : null}
                disabled={!sms}
                min={1}
                max={30}
                precision={0}
                suffix={t('strategy.plan.days')}
                onChange={(value) =>
                  onChange({ smsEveryDays: value ?? null }, ['smsEveryDays', 'smsTemplate'])
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('strategy.plan.scriptStage')} {...fieldProps('scriptStage')}>
              <Select
                className="strategy-script-stage"
                value={s.scriptStage ?? ''}
                options={[
                  { value: '', label: t('strategy.plan.scriptStageBucket') },
                  ...SCRIPT_STAGES.map((stage) => ({ value: stage, label: stage })),
                ]}
                onChange={(value: string) => onChange({ scriptStage: value || null }, ['scriptStage'])}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" className="strategy-section">
          {t('strategy.editor.escalationsTitle')}
        </Divider>
        <Typography.Paragraph type="secondary" className="strategy-hint">
          {t('strategy.escalation.hint')}
        </Typography.Paragraph>
        {problems.escalations && (
          <Alert
            type="error"
            showIcon
            className="strategy-escalation-problems"
            title={problems.escalations.map((p) => (en ? p.en : p.zh)).join('；')}
          />
        )}
        <div className="strategy-escalation-rows">
          {s.escalations.map((e) => {
            const row = problems[`esc:${e.uid}:row` as FieldKey];
            return (
              <div key={e.uid} className="strategy-escalation-row" data-escalation={e.id}>
                <Row gutter={8} align="top">
                  <Col xs={24} md={6}>
                    <Form.Item
                      label={t('strategy.escalation.id')}
                      {...fieldProps(`esc:${e.uid}:id` as FieldKey)}
                    >
                      <Input
                        className="strategy-escalation-id"
                        value={e.id}
                        maxLength={40}
                        onChange={(event) => setEscalation(e.uid, { id: event.target.value }, 'id')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item
                      label={t('strategy.escalation.action')}
                      {...fieldProps(`esc:${e.uid}:action` as FieldKey)}
                    >
                      <Select
                        className="strategy-escalation-action"
                        value={e.action}
                        options={ESCALATION_ACTIONS.map((value) => ({
                          value,
                          label: t(`strategy.action.${value}`),
                        }))}
                        onChange={(action: EditableEscalation['action']) =>
                          setEscalation(e.uid, { action }, 'action')
                        }
                        popupMatchSelectWidth={false}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item
                      label={t('strategy.escalation.brokenPromises')}
                      {...fieldProps(`esc:${e.uid}:afterBrokenPromises` as FieldKey)}
                    >
                      <InputNumber<number>
                        className="strategy-escalation-broken full-width"
                        value={e.afterBrokenPromises}
                        min={1}
                        max={99}
                        precision={0}
                        placeholder={t('strategy.when.noLimit')}
                        onChange={(value) =>
                          setEscalation(e.uid, { afterBrokenPromises: value ?? null }, 'afterBrokenPromises')
                        }
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item
                      label={t('strategy.escalation.daysPastDue')}
                      {...fieldProps(`esc:${e.uid}:afterDaysPastDue` as FieldKey)}
                    >
                      <InputNumber<number>
                        className="strategy-escalation-days full-width"
                        value={e.afterDaysPastDue}
                        min={0}
                        max={3650}
                        precision={0}
                        placeholder={t('strategy.when.noLimit')}
                        onChange={(value) =>
                          setEscalation(e.uid, { afterDaysPastDue: value ?? null }, 'afterDaysPastDue')
                        }
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={2} className="strategy-escalation-remove-col">
                    <Tooltip title={t('strategy.escalation.remove')}>
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('strategy.escalation.remove')}
                        className="strategy-escalation-remove"
                        onClick={() =>
                          onChange({ escalations: s.escalations.filter((x) => x.uid !== e.uid) }, [
                            'escalations',
                          ])
                        }
                      />
                    </Tooltip>
                  </Col>
                </Row>
                {row && (
                  <Typography.Text type="danger" className="strategy-field-error strategy-escalation-error">
                    {row.map((p) => (en ? p.en : p.zh)).join('；')}
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </div>
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          className="strategy-add-escalation"
          onClick={() => {
            let n = s.escalations.length + 1;
            const base = s.key.replace(/[^a-z0-9_-]/g, '').slice(0, 30) || 'segment';
            while (s.escalations.some((x) => x.id === `${base}_e${n}`)) n++;
            onChange(
              {
                escalations: [
                  ...s.escalations,
                  {
                    uid: newUid('e'),
                    id: `${base}_e${n}`,
                    action: 'letter',
                    afterBrokenPromises: 2,
                    afterDaysPastDue: null,
                  },
                ],
              },
              ['escalations'],
            );
          }}
        >
          {t('strategy.escalation.add')}
        </Button>
      </Form>
    </Card>
  );
}
