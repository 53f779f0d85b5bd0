import type { FormDefinition } from '@tangram/schema';
import { createPrng } from '../lib/prng';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const opt = (value: string, zh: string, en: string) => ({ value, label: l(zh, en) });

/**
 * The 20-field lead form the validation benchmark evaluates: one field of nearly every kind people fill
 * in, a user default from `$user.id`, a `visibleIf`, a formula, an auto-number and a warn check.
 */
export const TWENTY_FIELD_FORM: FormDefinition = Object.freeze({
  schemaVersion: 1,
  key: 'leads',
  name: l('线索', 'Leads'),
  fields: [
    { id: 'f01', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true, maxLength: 50 },
    { id: 'f02', key: 'phone', kind: 'phone', label: l('手机号', 'Phone'), region: 'cn-mobile', unique: true },
    { id: 'f03', key: 'email', kind: 'email', label: l('邮箱', 'Email') },
    { id: 'f04', key: 'age', kind: 'number', label: l('年龄', 'Age'), min: 0, max: 120, decimals: 0 },
    { id: 'f05', key: 'budget', kind: 'money', label: l('预算', 'Budget'), decimals: 2, min: '0' },
    { id: 'f06', key: 'channel', kind: 'select', label: l('来源渠道', 'Channel'), options: [opt('store', '门店', 'Store'), opt('expo', '展会', 'Expo'), opt('web', '网络', 'Web')] },
    { id: 'f07', key: 'stage', kind: 'select', label: l('阶段', 'Stage'), options: [opt('new', '新线索', 'New'), opt('won', '已成交', 'Won'), opt('lost', '已流失', 'Lost')] },
    { id: 'f08', key: 'interests', kind: 'multiselect', label: l('兴趣', 'Interests'), options: [opt('baby', '母婴', 'Baby'), opt('pregnancy', '孕期营养', 'Pregnancy'), opt('senior', '老年', 'Senior')] },
    { id: 'f09', key: 'birthday', kind: 'date', label: l('生日', 'Birthday'), min: '1900-01-01' },
    { id: 'f10', key: 'visited_at', kind: 'datetime', label: l('到店时间', 'Visited at') },
    { id: 'f11', key: 'member', kind: 'yesno', label: l('会员', 'Member') },
    { id: 'f12', key: 'owner', kind: 'user', label: l('负责人', 'Owner'), default: { expr: { var: '$user.id' } } },
    { id: 'f13', key: 'store', kind: 'orgunit', label: l('门店', 'Store') },
    { id: 'f14', key: 'notes', kind: 'textarea', label: l('备注', 'Notes'), maxLength: 500 },
    { id: 'f15', key: 'satisfaction', kind: 'rating', label: l('满意度', 'Satisfaction'), max: 5 },
    { id: 'f16', key: 'site', kind: 'url', label: l('网址', 'Website') },
    { id: 'f17', key: 'region', kind: 'region', label: l('地区', 'Region'), depth: 2 },
    { id: 'f18', key: 'expo_booth', kind: 'text', label: l('展位', 'Expo booth'), visibleIf: { '==': [{ var: 'channel' }, 'expo'] } },
    { id: 'f19', key: 'budget_wan', kind: 'formula', label: l('预算（万）', 'Budget (10k)'), resultKind: 'number', expr: { '/': [{ var: 'budget' }, 10000] } },
    { id: 'f20', key: 'code', kind: 'autonumber', label: l('编号', 'Code'), pattern: 'XS-{YYYYMMDD}-{seq:5}' },
  ],
  checks: [{
    id: 'child_pregnancy',
    when: { and: [{ '<': [{ var: 'age' }, 12] }, { in: ['pregnancy', { var: 'interests' }] }] },
    severity: 'warn',
    message: l('年龄小于 12 岁却选择了孕期营养产品，请核对', 'Age under 12 with a pregnancy-nutrition product: please check'),
    fields: ['age', 'interests'],
  }],
} as FormDefinition);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军'];

/**
 * Inputs as people send them: phones with +86, spaces and full-width digits, money as text with thousands
 * separators, numbers as strings. About 1 in 50 has a mistake (a bad phone or email), as real traffic does.
 */
export function generateInputs(count: number, seed = 7): Record<string, unknown>[] {
  const random = createPrng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const inputs: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const digits = String(13_800_000_000 + Math.floor(random() * 199_999_999));
    const phoneStyle = i % 4;
    const phone = phoneStyle === 0 ? digits
      : phoneStyle === 1 ? `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`
        : phoneStyle === 2 ? digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
          : `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
    const channel = pick(['store', 'expo', 'web']);
    const bad = i % 50 === 49;
    inputs.push({
      name: pick(SURNAMES) + pick(GIVEN),
      phone: bad ? '12345' : phone,
      email: bad ? 'not-an-email' : `lead${i}@Example.com`,
      age: String(18 + Math.floor(random() * 60)),
      budget: `${Math.floor(random() * 90) + 1},${String(Math.floor(random() * 1000)).padStart(3, '0')}.50`,
      channel,
      stage: pick(['new', 'won', 'lost']),
      interests: random() < 0.5 ? ['baby'] : ['senior', 'baby'],
      birthday: `19${60 + Math.floor(random() * 40)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      visited_at: `2025-03-0${1 + (i % 9)}T10:${String(i % 60).padStart(2, '0')}:00+08:00`,
      member: random() < 0.3,
      store: pick(['sh01', 'sh02', 'bj01']),
      notes: '  到店咨询，留了电话  ',
      satisfaction: 1 + (i % 5),
      site: i % 3 === 0 ? 'https://shop.example.com/p/1' : '',
      region: { province: '上海市', city: '上海市' },
      ...(channel === 'expo' ? { expo_booth: `A-${i % 40}` } : {}),
    });
  }
  return inputs;
}
