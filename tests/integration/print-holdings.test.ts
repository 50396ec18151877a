import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Holding, HoldingHistoryEntry, HoldingSummary, UsageEntry } from '../../db/contract/holdings';
import { holdingSheetSections, holdingSheetTitle, renderHoldingSheet, type HoldingSheetInput } from '../../db/features/holdings/print/sheet';
import { holdingsListTitle, renderHoldingsList, type HoldingsListInput } from '../../db/features/holdings/print/list';
import { htmlToPdf, launchChromium } from './support/chromium';
import { expectPrintedPage } from './support/pageLook';
import { pdfPageInfo, pdfToText } from './support/pdfText';

const organizationName = '東海市 市民生活部';
const printedAt = '2026-11-22T01:30:00Z'; // 10:30 in Japan
const hostileName = '<script>alert("x")</script>研修受講者名簿';

function summary(overrides: Partial<HoldingSummary>): HoldingSummary {
  return {
    id: 1,
    ledgerNo: 'R8-0001',
    name: '住民基本台帳ファイル',
    departmentId: 1,
    departmentName: '市民課',
    category: 'A',
    suggestedCategory: 'A',
    status: 'verified',
    containsSensitive: false,
    containsMyNumber: true,
    subjectCount: 48_210,
    subjectCountApproximate: false,
    medium: 'electronic',
    lastReviewedAt: '2026-04-15T00:30:00Z',
    reviewDue: false,
    updatedAt: '2026-10-02T06:12:00Z',
    ...overrides,
  };
}

const listRows: HoldingSummary[] = [
  summary({ lastReviewedAt: '2025-04-15T00:30:00Z', reviewDue: true }),
  summary({
    id: 2,
    ledgerNo: 'R8-0002',
    name: '児童手当受給者台帳',
    departmentId: 2,
    departmentName: 'こども家庭課',
    category: null,
    suggestedCategory: 'B',
    status: 'draft',
    containsMyNumber: false,
    subjectCount: 3_120,
    medium: 'both',
    lastReviewedAt: null,
    updatedAt: '2026-11-20T23:40:00Z', // 21 November in Japan
  }),
  summary({
    id: 3,
    ledgerNo: 'R8-0003',
    name: hostileName,
    departmentId: 3,
    departmentName: '人事課',
    category: 'C',
    suggestedCategory: 'C',
    status: 'retired',
    containsSensitive: true,
    containsMyNumber: false,
    subjectCount: 85,
    medium: 'paper',
  }),
];

const listInput: HoldingsListInput = {
  organizationName,
  printedAt,
  printedBy: '山田 太郎',
  timeZone: 'Asia/Tokyo',
  filtersDescription: '担当課等: 市民課、こども家庭課、人事課 / 状態: すべて',
  rows: listRows,
  total: 3,
};

const holding: Holding = {
  id: 1,
  ledgerNo: 'R8-0001',
  name: '住民基本台帳ファイル',
  departmentId: 1,
  departmentName: '市民課',
  owner: '市民課長 佐藤 一郎',
  handlers: ['田中 花子', '鈴木 次郎'],
  purpose: '住民の居住関係の公証、選挙人名簿の登録その他の住民に関する事務の処理の基礎とするため。',
  recordItems: ['氏名', '生年月日', '性別', '住所', '世帯主の氏名及び続柄', '個人番号'],
  recordScope: '本市の住民基本台帳に記録されている者',
  collectionMethod: '本人からの届出（転入届、転居届等）及び他市区町村からの通知',
  subjectCount: 48_000,
  subjectCountApproximate: true,
  containsSensitive: false,
  containsMyNumber: true,
  medium: 'electronic',
  storageLocation: '本庁舎3階 情報システム室（管理区域）',
  storageMethod: '住民記録システムのサーバに暗号化して保存。バックアップ媒体は耐火金庫に施錠保管。',
  authorizedPersons: ['市民課長', '市民課 住民記録係 職員（事務取扱担当者に限る）'],
  recipients: ['選挙管理委員会', '税務課'],
  contractors: ['株式会社東海情報サービス（システム保守）'],
  foreignHandling: '',
  useUntil: null,
  retention: '2031-03-31',
  disposalMethod: '電磁的記録は暗号化消去の上、媒体を物理破壊。紙は溶解処理。',
  remarks: '',
  status: 'verified',
  category: 'A',
  categoryReason: '特定個人情報を含み、漏えいした場合に重大な支障が生じるおそれがあるため。',
  categoryDecidedBy: '佐藤 一郎',
  categoryDecidedAt: '2026-04-10T02:00:00Z',
  suggestedCategory: 'A',
  suggestionReasons: ['myNumber', 'subjects1000'],
  version: 4,
  verifiedVersion: 4,
  verifiedBy: '高橋 美咲',
  verifiedAt: '2026-04-12T05:20:00Z',
  lastEditedBy: '田中 花子',
  lastReviewedAt: '2025-04-15T00:30:00Z',
  reviewDue: true,
  createdAt: '2026-04-01T00:15:00Z',
  updatedAt: '2026-04-11T07:45:00Z',
};

function usage(id: number, kind: UsageEntry['kind'], usedOn: string, personName: string, purpose: string, count: number | null, note = ''): UsageEntry {
  return { id, holdingId: 1, kind, usedOn, personName, purpose, count, note, recordedBy: personName, recordedAt: `${usedOn}T08:00:00Z` };
}

const usageEntries: UsageEntry[] = [
  usage(45, 'takeout', '2026-11-18', '鈴木 次郎', '住民票記載事項の照会に伴う法務局への持参', 12, '暗号化USB（媒体番号 USB-007）、即日返却'),
  usage(44, 'provide', '2026-11-10', '田中 花子', '選挙人名簿の定時登録のための提供', 41_380, '選挙管理委員会へ'),
  usage(43, 'copy', '2026-11-05', '鈴木 次郎', '転入者一覧の複製（窓口照合用）', 56),
];

const history: HoldingHistoryEntry[] = [
  { id: 1, version: 1, at: '2026-04-01T00:15:00Z', userName: '田中 花子', action: 'create', changes: [], note: '' },
  {
    id: 2,
    version: 2,
    at: '2026-04-03T04:00:00Z',
    userName: '田中 花子',
    action: 'update',
    changes: [
      { field: 'subjectCount', before: 47_000, after: 48_000 },
      { field: 'storageMethod', before: '', after: '暗号化して保存' },
    ],
    note: '',
  },
  { id: 3, version: 3, at: '2026-04-10T02:00:00Z', userName: '佐藤 一郎', action: 'categorize', changes: [{ field: 'category', before: null, after: 'A' }], note: '特定個人情報を含むため' },
  { id: 4, version: 4, at: '2026-04-12T05:20:00Z', userName: '高橋 美咲', action: 'verify', changes: [], note: '入力原票と照合' },
];

const sheetInput: HoldingSheetInput = {
  organizationName,
  printedAt,
  printedBy: '山田 太郎',
  timeZone: 'Asia/Tokyo',
  holding,
  usage: usageEntries,
  usageTotal: 45,
  history,
};

function manyRows(count: number): HoldingSummary[] {
  const departments = ['市民課', '保険年金課', 'こども家庭課', '税務課', '福祉課', '健康推進課'];
  return Array.from({ length: count }, (_, i) =>
    summary({
      id: i + 1,
      ledgerNo: `R8-${String(i + 1).padStart(4, '0')}`,
      name: `${departments[i % departments.length]}業務ファイル 第${i + 1}号（申請書・届出書の綴り）`,
      departmentName: departments[i % departments.length] ?? '市民課',
      category: i % 7 === 0 ? null : (['A', 'B', 'C'] as const)[i % 3] ?? 'C',
      status: (['draft', 'verified', 'retired', 'disposed'] as const)[i % 4] ?? 'draft',
      reviewDue: i % 5 === 0,
      subjectCount: i * 37,
    }),
  );
}

/** The pages of pdftotext output (the form feed ends each page). */
function pages(text: string): string[] {
  return text.split('\f').filter((page) => page.trim().length > 0);
}


describe('holdings ledger prints (保有個人情報等台帳)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('list (一覧)', () => {
    let pdf: Buffer;
    let text: string;

    beforeAll(async () => {
      pdf = await htmlToPdf(browser, renderHoldingsList(listInput), { landscape: true });
      text = pdfToText(pdf);
    });

    it('is a self-contained document that prints hostile text as text', () => {
      const doc = renderHoldingsList(listInput);
      expect(doc).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
      expect(doc).not.toMatch(/(?:https?|ftp|file):\/\//i);
      expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;研修受講者名簿');
      expect(doc).toMatch(/@page\s*{\s*size: A4 landscape;/);
      expect(doc).toMatch(/thead\s*{\s*display: table-header-group;/);
    });

    it('is A4 landscape', () => {
      const info = pdfPageInfo(pdf);
      expect([info.widthPt, info.heightPt]).toEqual([842, 595]);
      expect(info.pages).toBe(1);
      expect(info.title).toBe(holdingsListTitle);
    });

    it('carries the head, the count and every row', () => {
      expect(text).toContain(holdingsListTitle);
      expect(text).toContain(organizationName);
      expect(text).toContain('2026年11月22日（令和8年11月22日）');
      expect(text).toContain('山田 太郎');
      expect(text).toContain('担当課等: 市民課、こども家庭課、人事課 / 状態: すべて');
      expect(text).toContain('全 3 件');
      for (const header of ['管理番号', '個人情報ファイルの名称', '担当課等', '管理区分', '状態', '要配慮', '個人番号', '本人の数', '媒体', '最終見直し日', '更新日']) {
        expect(text).toContain(header);
      }
      expect(text).toMatch(/R8-0001\s+住民基本台帳ファイル\s+市民課\s+A\s+照合済\s+〇\s+48,210人\s+電子\s+2025年4月15日\s+2026年10月2日/);
      expect(text).toMatch(/R8-0002\s+児童手当受給者台帳\s+こども家庭課\s+未決定\s+要照合\s+3,120人\s+紙・電子\s+未実施\s+2026年11月21日/);
      expect(text).toContain('（推奨 B）');
      expect(text).toContain('※要見直し');
      expect(text).toContain('<script>alert("x")</script>');
      expect(text).toMatch(/人事課\s+C\s+保有終了\s+〇\s+85人\s+紙/);
      expect(text).toContain('印刷日時 2026年11月22日 10:30');
      expect(text).toMatch(/1 ?\/ ?1\s*$/m);
    });

    it('repeats the table header on every page of a long list and splits no row', async () => {
      const rows = manyRows(80);
      const long = await htmlToPdf(browser, renderHoldingsList({ ...listInput, rows, total: rows.length }), { landscape: true });
      const info = pdfPageInfo(long);
      expect(info.pages).toBeGreaterThan(1);
      const longPages = pages(pdfToText(long));
      expect(longPages).toHaveLength(info.pages);
      expect(longPages[0]).toContain('全 80 件');
      for (const page of longPages.slice(1)) {
        expect(page).toContain('管理番号');
        expect(page).toContain('個人情報ファイルの名称');
        expect(page).toContain('最終見直し日');
      }
      // Every row on exactly one page, in order.
      const all = longPages.join('\n');
      for (const row of rows) expect(all.split(row.ledgerNo)).toHaveLength(2);
    });

    it('stays lean for a few thousand rows', async () => {
      // About 200 bytes of markup a row besides the row's own text.
      const rows = manyRows(3000);
      expect(renderHoldingsList({ ...listInput, rows, total: rows.length }).length / rows.length).toBeLessThan(400);
      // A big print (through the bulk-export guard) still comes out whole, header on its last page.
      const big = rows.slice(0, 2000);
      const pdf2000 = await htmlToPdf(browser, renderHoldingsList({ ...listInput, rows: big, total: big.length }), { landscape: true });
      expect(pdfPageInfo(pdf2000).pages).toBeGreaterThan(50);
      const last = pages(pdfToText(pdf2000)).at(-1) ?? '';
      expect(last).toContain('R8-2000');
      expect(last).toContain('管理番号');
    }, 90_000);

    it('looks printed: ink inside the margins, the title on top in real glyphs, rows and footer where they belong', () => {
      expectPrintedPage(pdf, {
        // A4 landscape, 15 mm margins; the footer prints in the bottom margin.
        marginsMm: { top: 15, right: 15, bottom: 5, left: 15 },
        texts: [
          { text: holdingsListTitle, within: { bottom: 0.15 } },
          { text: '抽出条件', within: { bottom: 0.3 } },
          { text: '住民基本台帳ファイル', within: { top: 0.2, bottom: 0.6 } },
          { text: '児童手当受給者台帳', within: { top: 0.2, bottom: 0.6 } },
          { text: '印刷日時', within: { top: 0.93 } },
        ],
        screenshot: 'holdings-list.png',
      });
    });
  });

  describe('sheet (個票)', () => {
    let pdf: Buffer;
    let text: string;

    beforeAll(async () => {
      pdf = await htmlToPdf(browser, renderHoldingSheet(sheetInput));
      text = pdfToText(pdf);
    });

    it('is a self-contained document that prints hostile text as text', () => {
      const doc = renderHoldingSheet({
        ...sheetInput,
        holding: { ...holding, name: hostileName, recordItems: ['<img src=x onerror=alert(1)>'] },
        history: [{ ...history[0]!, changes: [{ field: '<b>x</b>', before: null, after: null }] }],
      });
      expect(doc).not.toMatch(/<script|<img|<b>x|<link|<iframe|@import|url\(/i);
      expect(doc).not.toMatch(/(?:https?|ftp|file):\/\//i);
      expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;研修受講者名簿');
      expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(doc).toMatch(/@page\s*{\s*size: A4 portrait;/);
    });

    it('is A4 portrait', () => {
      const info = pdfPageInfo(pdf);
      expect([info.widthPt, info.heightPt]).toEqual([595, 842]);
      expect(info.title).toBe(`${holdingSheetTitle} R8-0001`);
    });

    it('carries every section and field of the holding', () => {
      expect(text).toContain(holdingSheetTitle);
      expect(text).toContain('管理番号 R8-0001');
      for (const section of holdingSheetSections) expect(text).toContain(section.replace(/^\d　/, ''));
      for (const label of [
        '個人情報ファイルの名称', '担当課等', '管理責任者', '担当者', '利用目的', '記録項目', '記録範囲', '収集方法',
        '本人の数', '要配慮個人情報を含む', '特定個人情報（個人番号）を含む', '媒体', '保管場所', '保管方法',
        'アクセス権を有する者', '経常的提供先', '委託先', '外国での取扱い', '利用期限', '保存期限', '廃棄方法', '備考',
        '管理区分', '状態', '照合者', '照合日', '最終見直し日',
      ]) {
        expect(text).toContain(label);
      }
      expect(text).toContain('氏名、生年月日、性別、住所、世帯主の氏名及び続柄、個人番号');
      expect(text).toContain('田中 花子、鈴木 次郎');
      // A reference prints the other record's name, never its id.
      expect(text).toMatch(/担当課等\s+市民課\n/);
      expect(text).toContain('約48,000人');
      expect(text).toMatch(/要配慮個人情報を含む\s+非該当/);
      expect(text).toMatch(/特定個人情報（個人番号）を含む\s+該当/);
      expect(text).toContain('2031年3月31日（令和13年3月31日）');
      expect(text).toMatch(/外国での取扱い\s+（記載なし）/);
      // 管理区分 with reason, decider and date, and the suggestion with its reasons.
      expect(text).toContain('特定個人情報を含み、漏えいした場合に重大な支障が生じるおそれがあるため。');
      expect(text).toContain('佐藤 一郎 2026年4月10日（令和8年4月10日）');
      expect(text).toContain('理由：特定個人情報（個人番号）を含む、本人の数が1,000人以上');
      // Status and 照合.
      expect(text).toMatch(/状態\s+照合済/);
      expect(text).toMatch(/照合者\s+高橋 美咲/);
      expect(text).toContain('2026年4月12日（令和8年4月12日）');
      expect(text).toMatch(/最終見直し日\s+2025年4月15日（令和7年4月15日）\s+※要見直し/);
    });

    it('carries the usage log, the history and the signature boxes', () => {
      expect(text).toContain('直近 3 件（全 45 件）');
      expect(text).toMatch(/2026年11月18日\s+持出し\s+鈴木 次郎\s+住民票記載事項の照会に伴う/);
      expect(text).toMatch(/2026年11月10日\s+提供\s+田中 花子\s+選挙人名簿の定時登録のための提供\s+41,380/);
      expect(text).toMatch(/2026年4月3日 13:00\s+2\s+田中 花子\s+変更\s+本人の数、保管方法/);
      expect(text).toMatch(/佐藤 一郎\s+管理区分の決定\s+管理区分\s+特定個人情報を含むため/);
      expect(text).toMatch(/高橋 美咲\s+照合\s+入力原票と照合/);
      expect(text).toMatch(/担当者\s+保護担当者（照合）\s+保護管理者/);
      expect(text).toContain('印刷日時 2026年11月22日 10:30');
    });

    it('says when nothing was recorded and when 管理区分 is still undecided', async () => {
      const draft = await htmlToPdf(
        browser,
        renderHoldingSheet({
          ...sheetInput,
          holding: { ...holding, status: 'draft', category: null, categoryDecidedBy: null, categoryDecidedAt: null, categoryReason: '', verifiedBy: null, verifiedAt: null, verifiedVersion: null },
          usage: [],
          usageTotal: 0,
        }),
      );
      const draftText = pdfToText(draft);
      expect(draftText).toMatch(/管理区分\s+未決定（保護管理者の決定待ち）/);
      expect(draftText).toMatch(/状態\s+要照合/);
      expect(draftText).toMatch(/照合者\s+（未照合）/);
      expect(draftText).toContain('全 0 件');
      expect(draftText).toContain('記録はありません。');
    });

    it('looks printed: ink inside the margins, the title and sections in real glyphs, top to bottom', () => {
      expectPrintedPage(pdf, {
        marginsMm: { top: 15, right: 15, bottom: 5, left: 15 },
        minInk: 0.03,
        texts: [
          { text: holdingSheetTitle, within: { bottom: 0.12 } },
          { text: holdingSheetSections[0], within: { bottom: 0.25 } },
          { text: '住民基本台帳ファイル', within: { bottom: 0.3 } },
          { text: holdingSheetSections[1], within: { top: 0.3, bottom: 0.75 } },
          { text: '印刷日時', within: { top: 0.93 } },
        ],
        screenshot: 'holding-sheet.png',
      });
    });
  });
});
