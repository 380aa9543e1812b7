/**
 * The one error type of Qingshou. Every failure a user can see carries a stable code, an HTTP status
 * and a message in zh-CN and en. Codes are a contract: clients and tests match on them, never on text.
 */

export type Locale = 'zh-CN' | 'en';

type Params = Record<string, string | number>;

interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/** The catalogue of error codes. `{name}` placeholders are filled from the error's params. */
export const errorCatalog = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '输入有误：{field} {reason}',
    en: 'Invalid input: {field} {reasonEn}',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用', en: 'This account is disabled' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '未找到请求的资源', en: 'The requested resource was not found' },
  CASE_NOT_FOUND: { status: 404, zh: '案件不存在或无权查看', en: 'Case not found or not visible to you' },
  PORTFOLIO_NOT_FOUND: {
    status: 404,
    zh: '资产包 {code} 不存在',
    en: 'Portfolio {code} does not exist',
  },
  PORTFOLIO_EXISTS: { status: 409, zh: '资产包 {code} 已存在', en: 'Portfolio {code} already exists' },
  PII_TARGET_NOT_FOUND: {
    status: 404,
    zh: '要查看的个人信息不存在',
    en: 'The personal data item to reveal does not exist',
  },
  IMPORT_FILE_TYPE: {
    status: 415,
    zh: '不支持的文件类型：{detail}。请上传 .xlsx 或 .csv 文件',
    en: 'Unsupported file type: {detail}. Upload an .xlsx or .csv file',
  },
  IMPORT_ENCODING: {
    status: 422,
    zh: '{atRow}无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8 和 GBK）',
    en: '{atRowEn}Unreadable file encoding (UTF-8, UTF-8 with BOM and GBK are supported)',
  },
  IMPORT_MISSING_COLUMNS: {
    status: 422,
    zh: '缺少必需的列：{columns}',
    en: 'Missing required columns: {columnsEn}',
  },
  IMPORT_EMPTY: { status: 422, zh: '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_UNREADABLE: {
    status: 422,
    zh: '文件无法读取：{detail}',
    en: 'The file cannot be read: {detail}',
  },
  IMPORT_REJECTED: {
    status: 422,
    zh: '{count} 行数据有误，未导入任何数据',
    en: '{count} rows are invalid; nothing was imported',
  },
  IMPORT_XLS_UNSUPPORTED: {
    status: 415,
    zh: '不支持 .xls（Excel 97-2003）格式，请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”后重新上传',
    en: '.xls (Excel 97-2003) files are not supported; in Excel, save as .xlsx or "CSV UTF-8 (Comma delimited)" and upload again',
  },
  IMPORT_ENCRYPTED: {
    status: 422,
    zh: '文件设置了打开密码，无法读取。请在 Excel 中取消密码并另存为 .xlsx 后重新上传',
    en: 'The file is password-protected and cannot be read; remove the password in Excel, save as .xlsx and upload again',
  },
  IMPORT_XLSX_CORRUPT: {
    status: 422,
    zh: 'Excel 文件已损坏或不完整，请在 Excel 中打开并重新保存为 .xlsx 后上传',
    en: 'The Excel file is damaged or incomplete; open it in Excel, save it again as .xlsx and upload it',
  },
  IMPORT_ENCODING_UTF16: {
    status: 422,
    zh: '文件是 UTF-16（Unicode 文本）编码，不支持。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx',
    en: 'The file is UTF-16 ("Unicode Text") encoded, which is not supported; in Excel, save as "CSV UTF-8 (Comma delimited)" or .xlsx',
  },
  IMPORT_CSV_MALFORMED: {
    status: 422,
    zh: '第 {row} 行 CSV 格式有误：{reason}',
    en: 'Row {row}: malformed CSV: {reasonEn}',
  },
  IMPORT_NO_HEADER: {
    status: 422,
    zh: '文件为空或没有表头行：第一行应为列名，例如 合同编号、客户姓名、身份证号',
    en: 'The file is empty or has no header row: the first row must hold the column names, e.g. Contract No., Customer name, ID number',
  },
  IMPORT_DUPLICATE_COLUMN: {
    status: 422,
    zh: '列“{first}”和列“{second}”都表示{column}，请删除或重命名其中一列',
    en: 'Columns "{first}" and "{second}" both mean {columnEn}; delete or rename one of them',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传文件过大', en: 'The uploaded file is too large' },
  QA_UPLOAD_INVALID: {
    status: 422,
    zh: '上传内容有 {count} 处错误，未保存任何通话：{first}',
    en: 'The upload has {count} problems; no call was stored: {firstEn}',
  },
  QA_TRANSCRIPT_NOT_FOUND: {
    status: 404,
    zh: '质检通话不存在或无权查看',
    en: 'Inspected call not found or not visible to you',
  },
  QA_FINDING_NOT_FOUND: {
    status: 404,
    zh: '质检问题不存在或无权查看',
    en: 'Finding not found or not visible to you',
  },
  QA_REVIEW_CONFLICT: {
    status: 409,
    zh: '该问题已被他人处理（当前状态：{status}），请刷新后再试',
    en: 'This finding has already been reviewed (now {statusEn}); reload and try again',
  },
  TEMPLATE_NOT_FOUND: { status: 404, zh: '模板不存在', en: 'Template not found' },
  TEMPLATE_HAS_VIOLATIONS: {
    status: 422,
    zh: '模板含 {count} 处违规表述，不能发布：{first}',
    en: 'The template contains {count} prohibited expressions and cannot be published: {firstEn}',
  },
  TEMPLATE_NOT_EDITABLE: {
    status: 409,
    zh: '模板当前状态为{status}，不能执行此操作',
    en: 'The template is {statusEn}; this action is not possible',
  },
  TEMPLATE_DRAFT_EXISTS: {
    status: 409,
    zh: '该模板已有草稿（第 {version} 版），请编辑该草稿',
    en: 'This template already has a draft (version {version}); edit that draft',
  },
  PAYMENT_REF_CONFLICT: {
    status: 409,
    zh: '交易流水号 {ref} 已用于另一笔还款（账户或金额不同），未重复入账',
    en: 'Reference {ref} was already posted for a different account or amount; nothing was posted',
  },
  PAYMENT_ALREADY_REVERSED: { status: 409, zh: '该笔还款已冲正', en: 'This payment was already reversed' },
  PROMISE_NOT_PENDING: {
    status: 409,
    zh: '该承诺已{status}，不能取消',
    en: 'This promise is already {statusEn}; it cannot be cancelled',
  },
  BATCH_RUNNING: {
    status: 409,
    zh: '{asOf} 的日终批处理正在另一节点运行，请稍后再试',
    en: 'The nightly batch for {asOf} is running on another node; try again later',
  },
  WAIVER_NOT_FOUND: {
    status: 404,
    zh: '减免申请不存在或无权查看',
    en: 'Waiver request not found or not visible to you',
  },
  WAIVER_NOT_ALLOWED: {
    status: 422,
    zh: '不能申请该减免：{reason}',
    en: 'This waiver cannot be requested: {reasonEn}',
  },
  WAIVER_PENDING_EXISTS: {
    status: 409,
    zh: '该案件已有一笔待审批的减免申请，请等待审批结果',
    en: 'This case already has a waiver request awaiting approval; wait for its decision',
  },
  WAIVER_SELF_APPROVAL: {
    status: 403,
    zh: '申请人不能审批自己的减免申请',
    en: 'A requester can never approve their own waiver request',
  },
  WAIVER_ALREADY_APPROVED: {
    status: 403,
    zh: '同一人只能审批其中一级，请由其他人审批',
    en: 'One person approves at most one step; another person must approve this one',
  },
  WAIVER_WRONG_ROLE: {
    status: 403,
    zh: '此级须由{role}审批',
    en: 'This step must be approved by the {roleEn}',
  },
  WAIVER_NOT_PENDING: {
    status: 409,
    zh: '该减免申请已{status}，不能再审批',
    en: 'This waiver request is already {statusEn}; it cannot be decided again',
  },
  WAIVER_DECISION_CONFLICT: {
    status: 409,
    zh: '该级已由他人同时审批，请刷新后查看',
    en: 'Someone else decided this step at the same time; reload to see it',
  },
  COMPLAINT_NOT_FOUND: {
    status: 404,
    zh: '投诉不存在或无权查看',
    en: 'Complaint not found or not visible to you',
  },
  COMPLAINT_NOT_OPEN: {
    status: 409,
    zh: '该投诉已解除，不能重复解除',
    en: 'This complaint was already released',
  },
  TRAINING_SCENARIO_NOT_FOUND: {
    status: 404,
    zh: '培训场景 {id} 不存在',
    en: 'Training scenario {id} does not exist',
  },
  TRAINING_SESSION_NOT_FOUND: {
    status: 404,
    zh: '培训通话不存在或无权查看',
    en: 'Training call not found or not visible to you',
  },
  TRAINING_SESSION_ENDED: {
    status: 409,
    zh: '该培训通话已结束，请重新开始一通',
    en: 'This training call has ended; start a new one',
  },
  TRAINING_TURN_CONFLICT: {
    status: 409,
    zh: '该培训通话同时收到了另一句话，请刷新后再说',
    en: 'This training call received another line at the same time; reload and try again',
  },
  TRAINING_COHORT_NOT_FOUND: {
    status: 404,
    zh: '培训班不存在',
    en: 'Training cohort not found',
  },
  INTERNAL: {
    status: 500,
    zh: '系统内部错误，请联系管理员',
    en: 'Internal error; contact your administrator',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

/** Fills `{name}` placeholders; a placeholder without a value (an optional part) becomes empty. */
function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) =>
    params[name] === undefined ? '' : String(params[name]),
  );
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Params;
  /** Structured detail for clients: e.g. the field that failed, or per-row import problems. */
  readonly details: unknown;

  constructor(code: ErrorCode, params: Params = {}, details?: unknown) {
    const spec: ErrorSpec = errorCatalog[code];
    super(fill(spec.en, { ...params, reasonEn: params.reasonEn ?? params.reason ?? '' }));
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.params = params;
    this.details = details;
  }

  messageIn(locale: Locale): string {
    const spec: ErrorSpec = errorCatalog[this.code];
    const params = {
      ...this.params,
      reasonEn: this.params.reasonEn ?? this.params.reason ?? '',
      columnsEn: this.params.columnsEn ?? this.params.columns ?? '',
    };
    return fill(locale === 'zh-CN' ? spec.zh : spec.en, params);
  }

  toJSON() {
    return {
      code: this.code,
      message: this.messageIn('zh-CN'),
      messageEn: this.messageIn('en'),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A bad-input error naming the field and the reason, in both languages. */
export function invalid(field: string, reasonZh: string, reasonEn: string): AppError {
  return new AppError('VALIDATION_FAILED', { field, reason: reasonZh, reasonEn }, { field });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
