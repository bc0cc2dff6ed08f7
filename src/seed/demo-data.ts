/**
 * The demo portfolio, written once and seeded twice: a Chinese workspace (Feishu tenant) and
 * an English one (Slack team). Times are days relative to the moment of the first seeding.
 */
import type { IndicatorClass, OutcomeStatus } from '../domain/types.ts';

export type Text = { zh: string; en: string };

export interface DemoPerson {
  key: string;
  name: Text;
  manager?: string;
}

export interface DemoOutcome {
  key: string;
  project: string;
  cls: IndicatorClass;
  status: OutcomeStatus;
  submitter: string;
  title: Text;
  description: Text;
  /** Days from now the outcome was submitted. */
  submitted: number;
  metric: { name: Text; unit: Text; direction: 'increase' | 'decrease'; baseline: number; target: number; actual: number | null; readings?: [number, number][] };
  cost?: number;
  benefit?: number;
  /** Manager and PMO decisions: [decision, impact, difficulty, innovation, comment?]. */
  manager?: ['approve' | 'request_changes' | 'reject', number | null, number | null, number | null, Text?];
  pmo?: ['approve', number, number, number, Text?];
  /** Follow-up review: due in days from now, and its state. */
  review?: { due: number; status: 'scheduled' | 'notified' | 'done' };
  evidence?: { kind: 'link' | 'file' | 'image'; title: Text; url?: string }[];
}

export const PEOPLE: DemoPerson[] = [
  { key: 'admin', name: { zh: '赵敏', en: 'Alex Morgan' } },
  { key: 'pmo', name: { zh: '王芳', en: 'Priya Patel' } },
  { key: 'mgr1', name: { zh: '李强', en: 'Marcus Lee' }, manager: 'admin' },
  { key: 'mgr2', name: { zh: '陈静', en: 'Grace Chen' }, manager: 'admin' },
  { key: 'm1', name: { zh: '张伟', en: 'Sam Taylor' }, manager: 'mgr1' },
  { key: 'm2', name: { zh: '刘洋', en: 'Jordan Kim' }, manager: 'mgr1' },
  { key: 'm3', name: { zh: '杨丽', en: 'Ava Johnson' }, manager: 'mgr2' },
  { key: 'm4', name: { zh: '黄磊', en: 'Noah Williams' }, manager: 'mgr2' },
];

export const PROJECTS: { key: string; name: Text; goLive: number }[] = [
  { key: 'support', name: { zh: '智能客服上线', en: 'Support chatbot launch' }, goLive: -120 },
  { key: 'warehouse', name: { zh: '仓储自动化', en: 'Warehouse automation' }, goLive: -95 },
  { key: 'finance', name: { zh: '财务共享中心', en: 'Shared finance centre' }, goLive: -70 },
  { key: 'mobile', name: { zh: '移动端改版', en: 'Mobile app redesign' }, goLive: -10 },
];

const min = { zh: '分钟', en: 'min' };
const pct = { zh: '%', en: '%' };

export const OUTCOMES: DemoOutcome[] = [
  {
    key: 'wait', project: 'support', cls: 'impact', status: 'verified', submitter: 'm1', submitted: -115,
    title: { zh: '客户平均等待时间缩短', en: 'Shorter customer waiting time' },
    description: { zh: '智能客服分流常见问题后，人工坐席的平均等待时间从 45 分钟降到 32 分钟（目标 28 分钟）。数据来自呼叫中心系统月报。', en: 'With the chatbot answering common questions, the average wait for a human agent fell from 45 to 32 minutes (target 28). Source: call-centre monthly report.' },
    metric: { name: { zh: '平均等待时间', en: 'Average waiting time' }, unit: min, direction: 'decrease', baseline: 45, target: 28, actual: 32, readings: [[-118, 45], [-90, 40], [-60, 36], [-30, 33], [-25, 32]] },
    cost: 200_000, benefit: 520_000,
    manager: ['approve', 4, 3, 3, { zh: '数据完整，效果明显。', en: 'Solid data, clear effect.' }],
    pmo: ['approve', 5, 3, 4],
    review: { due: -30, status: 'done' },
    evidence: [{ kind: 'link', title: { zh: '呼叫中心月报', en: 'Call-centre monthly report' }, url: 'https://example.com/reports/call-centre' }, { kind: 'file', title: { zh: '等待时间明细.xlsx', en: 'waiting-times.xlsx' } }],
  },
  {
    key: 'selfservice', project: 'support', cls: 'output', status: 'verified', submitter: 'm2', submitted: -110,
    title: { zh: '自助解决率提升', en: 'Higher self-service resolution' },
    description: { zh: '机器人独立解决的咨询占比从 20% 提升到 55%，超过 50% 的目标。', en: 'Share of questions solved by the bot alone rose from 20 % to 55 %, beating the 50 % target.' },
    metric: { name: { zh: '自助解决率', en: 'Self-service resolution' }, unit: pct, direction: 'increase', baseline: 20, target: 50, actual: 55, readings: [[-112, 20], [-85, 31], [-55, 44], [-28, 55]] },
    manager: ['approve', 4, 2, 4], pmo: ['approve', 4, 2, 4], review: { due: -30, status: 'done' },
    evidence: [{ kind: 'image', title: { zh: '仪表盘截图', en: 'Dashboard screenshot' } }],
  },
  {
    key: 'picking', project: 'warehouse', cls: 'process', status: 'verified', submitter: 'm3', submitted: -90,
    title: { zh: '拣货时间缩短', en: 'Faster order picking' },
    description: { zh: '自动分拣线上线后，单均拣货时间从 12 分钟降到 7.5 分钟。', en: 'After the sorting line went live, picking time per order fell from 12 to 7.5 minutes.' },
    metric: { name: { zh: '单均拣货时间', en: 'Picking time per order' }, unit: min, direction: 'decrease', baseline: 12, target: 8, actual: 7.5, readings: [[-94, 12], [-70, 9.5], [-40, 8.1], [-12, 7.5]] },
    manager: ['approve', 3, 4, 3], pmo: ['approve', 4, 4, 3], review: { due: -5, status: 'notified' },
  },
  {
    key: 'accuracy', project: 'warehouse', cls: 'impact', status: 'verified', submitter: 'm4', submitted: -88,
    title: { zh: '库存准确率提升', en: 'Better inventory accuracy' },
    description: { zh: '引入 RFID 盘点后库存账实相符率从 92% 提升到 98.6%。', en: 'RFID counting lifted inventory record accuracy from 92 % to 98.6 %.' },
    metric: { name: { zh: '库存准确率', en: 'Inventory accuracy' }, unit: pct, direction: 'increase', baseline: 92, target: 99, actual: 98.6, readings: [[-92, 92], [-60, 96.2], [-20, 98.6]] },
    cost: 800_000, benefit: 1_100_000,
    manager: ['approve', 5, 4, 3], pmo: ['approve', 5, 4, 4], review: { due: -5, status: 'scheduled' },
    evidence: [{ kind: 'link', title: { zh: 'RFID 项目验收报告', en: 'RFID acceptance report' }, url: 'https://example.com/rfid/acceptance' }],
  },
  {
    key: 'dock', project: 'warehouse', cls: 'output', status: 'verified', submitter: 'mgr1', submitted: -80,
    title: { zh: '到货上架时间缩短', en: 'Shorter dock-to-stock time' },
    description: { zh: '收货与上架流程合并后，到货上架时间从 48 小时降到 20 小时。', en: 'Merging receiving and put-away cut dock-to-stock time from 48 to 20 hours.' },
    metric: { name: { zh: '到货上架时间', en: 'Dock-to-stock time' }, unit: { zh: '小时', en: 'h' }, direction: 'decrease', baseline: 48, target: 24, actual: 20, readings: [[-85, 48], [-50, 30], [-15, 20]] },
    cost: 150_000, benefit: 260_000,
    manager: ['approve', 4, 3, 2], pmo: ['approve', 4, 3, 3], review: { due: -5, status: 'done' },
  },
  {
    key: 'invoices', project: 'finance', cls: 'output', status: 'verified', submitter: 'm1', submitted: -60,
    title: { zh: '日均处理发票量提升', en: 'More invoices processed per day' },
    description: { zh: '共享中心集中处理后，日均处理发票从 300 张提升到 430 张（目标 450 张）。', en: 'Centralised processing raised invoices handled per day from 300 to 430 (target 450).' },
    metric: { name: { zh: '日均处理发票', en: 'Invoices per day' }, unit: { zh: '张', en: 'invoices' }, direction: 'increase', baseline: 300, target: 450, actual: 430, readings: [[-65, 300], [-40, 380], [-10, 430]] },
    manager: ['approve', 3, 3, 2], pmo: ['approve', 3, 3, 3], review: { due: 20, status: 'scheduled' },
  },
  {
    key: 'close', project: 'finance', cls: 'process', status: 'manager_approved', submitter: 'm2', submitted: -6,
    title: { zh: '月结周期缩短', en: 'Faster month-end close' },
    description: { zh: '月结从 10 个工作日缩短为 6 个工作日的计划，已完成两个月试运行。', en: 'Plan to close the books in 6 working days instead of 10; two months of trial runs done.' },
    metric: { name: { zh: '月结周期', en: 'Month-end close' }, unit: { zh: '天', en: 'days' }, direction: 'decrease', baseline: 10, target: 6, actual: null },
    manager: ['approve', 4, 4, 3],
  },
  {
    key: 'rating', project: 'mobile', cls: 'impact', status: 'submitted', submitter: 'm3', submitted: -2,
    title: { zh: '应用商店评分提升', en: 'Higher app store rating' },
    description: { zh: '改版后希望把应用商店评分从 3.6 提升到 4.5。', en: 'The redesign aims to lift the store rating from 3.6 to 4.5.' },
    metric: { name: { zh: '应用商店评分', en: 'App store rating' }, unit: { zh: '分', en: 'stars' }, direction: 'increase', baseline: 3.6, target: 4.5, actual: 3.9, readings: [[-12, 3.6], [-3, 3.9]] },
  },
  {
    key: 'crashes', project: 'mobile', cls: 'output', status: 'changes_requested', submitter: 'm4', submitted: -8,
    title: { zh: '无崩溃会话率提升', en: 'More crash-free sessions' },
    description: { zh: '新版本修复了启动崩溃问题。', en: 'The new release fixes the crash on start-up.' },
    metric: { name: { zh: '无崩溃会话率', en: 'Crash-free sessions' }, unit: pct, direction: 'increase', baseline: 97, target: 99.5, actual: null },
    manager: ['request_changes', null, null, null, { zh: '请补充崩溃率数据的来源和统计口径。', en: 'Please add where the crash data comes from and how it is counted.' }],
  },
  {
    key: 'tagging', project: 'support', cls: 'process', status: 'rejected', submitter: 'm2', submitted: -40,
    title: { zh: '工单自动打标签', en: 'Automatic ticket tagging' },
    description: { zh: '工单自动分类打标签。', en: 'Tickets are tagged automatically.' },
    metric: { name: { zh: '人工打标签耗时', en: 'Manual tagging time' }, unit: min, direction: 'decrease', baseline: 5, target: 1, actual: null },
    manager: ['reject', null, null, null, { zh: '与「自助解决率提升」重复，请合并到该成果。', en: 'Duplicates “Higher self-service resolution”; please merge it there.' }],
  },
  {
    key: 'kb', project: 'support', cls: 'output', status: 'submitted', submitter: 'm1', submitted: -1,
    title: { zh: '知识库 <测试版> & “常见问题”上线', en: 'Knowledge base <beta> & “FAQ” launch' },
    description: { zh: '标题里的尖括号和引号用来演示页面会正确转义用户输入。', en: 'The angle brackets and quotes in the title show that pages escape user input.' },
    metric: { name: { zh: '知识库文章数', en: 'Knowledge base articles' }, unit: { zh: '篇', en: 'articles' }, direction: 'increase', baseline: 40, target: 200, actual: 120 },
  },
];

/** NPS surveys: project, kind, days from now, answers (0–10), open or closed. */
export const SURVEYS: { key: string; project: string; kind: 'baseline' | 'follow_up'; at: number; scores: number[]; open?: boolean }[] = [
  { key: 'support-before', project: 'support', kind: 'baseline', at: -130, scores: [6, 7, 8, 5, 9, 7, 6, 8, 4, 7] },
  { key: 'support-mid', project: 'support', kind: 'follow_up', at: -60, scores: [8, 9, 7, 9, 6, 10, 8, 7] },
  { key: 'support-after', project: 'support', kind: 'follow_up', at: -20, scores: [9, 10, 8, 9, 7, 10, 9, 6, 9, 10] },
  { key: 'warehouse-before', project: 'warehouse', kind: 'baseline', at: -100, scores: [7, 8, 6, 5, 8] },
  { key: 'warehouse-after', project: 'warehouse', kind: 'follow_up', at: -8, scores: [8, 9] },
  { key: 'finance-before', project: 'finance', kind: 'baseline', at: -75, scores: [5, 6, 8, 7, 9, 3] },
  { key: 'finance-after', project: 'finance', kind: 'follow_up', at: -2, scores: [], open: true },
];
