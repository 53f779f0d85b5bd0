import { createPrng, pickInt, pickOne, pickWeighted, type Prng } from './prng';

/**
 * Deterministic customer-list rows shaped like the offline customer conversion app's leads: zh-CN names,
 * mainland mobile numbers, ~40 stores, a channel and stage mix with realistic skew, budgets in yuan with
 * a long tail, and a created date spread over the two years before `lastDay`.
 * Same seed, same rows, in the same order — on every machine and both dialects.
 */
// A type alias, not an interface: it must be assignable to the store's `Record<string, unknown>` data.
export type CustomerRow = {
  readonly name: string;
  readonly phone: string;
  readonly channel: Channel;
  /** Store code, e.g. "sh-03". */
  readonly store: string;
  readonly stage: Stage;
  /** Exact decimal string, e.g. "52300.00" (money is never a binary float). */
  readonly budget: string;
  readonly gender: Gender;
  readonly age: number;
  /** "YYYY-MM-DD". */
  readonly created: string;
  /** A user id. */
  readonly owner: string;
};

export const CHANNELS = ['store', 'expo', 'street', 'web', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STAGES = ['new', 'contacted', 'visited', 'negotiating', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

const CITIES = ['sh', 'bj', 'gz', 'sz', 'hz', 'cd', 'wh', 'nj', 'xa', 'cq'] as const;
/** 40 stores: four per city. */
export const STORE_CODES: readonly string[] = Object.freeze(CITIES.flatMap((city) => [1, 2, 3, 4].map((n) => `${city}-0${n}`)));
/** 120 salespeople. */
export const OWNER_IDS: readonly string[] = Object.freeze(Array.from({ length: 120 }, (_, i) => `usr-${String(i + 1).padStart(4, '0')}`));

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [['store', 35], ['expo', 15], ['street', 15], ['web', 25], ['referral', 10]];
const STAGE_WEIGHTS: readonly (readonly [Stage, number])[] = [['new', 30], ['contacted', 25], ['visited', 18], ['negotiating', 12], ['won', 9], ['lost', 6]];
// The most common surnames, weighted roughly by how often they occur.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 25], ['赵', 20], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 13], ['郭', 12], ['何', 12], ['高', 11], ['林', 11], ['罗', 10],
  ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['欧阳', 1], ['司马', 1],
];
const GIVEN_CHARS = Array.from('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩然子轩梓涵欣怡思雨晨阳一诺佳琪雪梅建国志强海燕晓东');
// Mainland mobile prefixes in use (11-digit numbers starting 1[3-9]).
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '170', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

const DAY_MS = 86_400_000;
const TWO_YEARS_DAYS = 730;

export interface CustomerGenerator {
  /** The next `count` rows of the stream. */
  take(count: number): readonly CustomerRow[];
}

/** `lastDay` fixes the date range so figures never depend on the day a benchmark ran. */
export function createCustomerGenerator(seed = 20261123, lastDay = '2026-10-31'): CustomerGenerator {
  const next = createPrng(seed);
  const lastDayMs = Date.parse(`${lastDay}T00:00:00Z`);
  if (Number.isNaN(lastDayMs)) throw new Error(`lastDay must be YYYY-MM-DD, got "${lastDay}"`);
  return {
    take(count) {
      const rows: CustomerRow[] = new Array(count);
      for (let i = 0; i < count; i++) rows[i] = Object.freeze(nextCustomer(next, lastDayMs));
      return Object.freeze(rows);
    },
  };
}

function nextCustomer(next: Prng, lastDayMs: number): CustomerRow {
  const gender = pickOne(next, GENDERS);
  const givenLength = next() < 0.7 ? 2 : 1;
  let given = '';
  for (let i = 0; i < givenLength; i++) given += pickOne(next, GIVEN_CHARS);
  // Newer leads are more frequent: the square skews the spread towards the end of the range.
  const daysAgo = Math.floor(TWO_YEARS_DAYS * next() ** 1.5);
  return {
    name: pickWeighted(next, SURNAMES) + given,
    phone: pickOne(next, MOBILE_PREFIXES) + String(pickInt(next, 0, 99_999_999)).padStart(8, '0'),
    channel: pickWeighted(next, CHANNEL_WEIGHTS),
    store: pickOne(next, STORE_CODES),
    stage: pickWeighted(next, STAGE_WEIGHTS),
    budget: nextBudget(next),
    gender,
    age: pickInt(next, 18, 70),
    created: new Date(lastDayMs - daysAgo * DAY_MS).toISOString().slice(0, 10),
    owner: pickOne(next, OWNER_IDS),
  };
}

/** Log-uniform from 3,000 to 500,000 yuan, rounded to the hundred: just under half exceed 50,000. */
function nextBudget(next: Prng): string {
  const yuan = Math.round(Math.exp(Math.log(3_000) + next() * (Math.log(500_000) - Math.log(3_000))) / 100) * 100;
  return `${yuan}.00`;
}
