import { describe, expect, it } from 'vitest';
import { historyActionLabels, fieldLabel, formatSubjectCount, mediumLabels, statusLabels, usageKindLabels } from '../../db/features/holdings/print/labels';
import { formatDate } from '../../db/print/dates';
import { japaneseText } from '../../db/print/labels';
import { holdings as ja } from '../../renderer/i18n/ja/holdings';

describe('holdings ledger labels', () => {
  it('prints local dates and instants as the day in Japan', () => {
    expect(formatDate('2031-03-31')).toBe('2031年3月31日');
    expect(formatDate('2026-11-20T23:40:00Z')).toBe('2026年11月21日');
    // The organisation's zone decides the day; a calendar date is never shifted.
    expect(formatDate('2026-11-20T23:40:00Z', 'UTC')).toBe('2026年11月20日');
    expect(formatDate('2031-03-31', 'America/Los_Angeles')).toBe('2031年3月31日');
  });

  it('labels fields and enum values in Japanese', () => {
    expect(fieldLabel('containsMyNumber')).toBe('特定個人情報（個人番号）を含む');
    expect(fieldLabel('unknownField')).toBe('unknownField');
    expect(Object.values(usageKindLabels)).toEqual(['利用', '複製', '送信', '持出し', '提供', '委託', '訂正', '廃棄']);
    expect(formatSubjectCount(3000, true)).toBe('約3,000人');
  });

  it('fills a label’s placeholders the way the screen does, leaving unknown ones as they are', () => {
    expect(japaneseText('holdingDetail.verifiedEarlier', { version: 2 })).toBe('第2版を照合（その後に変更あり）');
    expect(japaneseText('holdingDetail.decidedBy', { name: '山田 太郎' })).toBe('山田 太郎（{{date}}）');
  });

  it('uses the screen’s words on paper: one label per thing', () => {
    expect(statusLabels).toEqual(ja.holdingStatus);
    expect(mediumLabels).toEqual(ja.holdingMedia);
    expect(historyActionLabels).toEqual(ja.historyActions);
    expect(statusLabels.draft).toBe('要照合');
  });
});

