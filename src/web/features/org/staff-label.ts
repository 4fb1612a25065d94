import type { MessageKey } from '../../lib/messages.ts';

export function staffLabel(
  t: (key: MessageKey, values?: Record<string, number>) => string,
  count: number,
): string {
  return count === 1 ? t('org.staffOne') : t('org.staff', { count });
}
