import { sql } from 'drizzle-orm';
import { ROLES } from '../domain/roles';
import type { Store } from '../store/db';
import { migrate } from '../store/migrate';
import { roles } from '../store/schema';

/** Brings a database up to date: committed migrations, then the role catalogue from code. */
export async function prepareDatabase(store: Store): Promise<void> {
  await migrate(store);
  await store.db
    .insert(roles)
    .values(
      Object.values(ROLES).map((r) => ({
        code: r.code,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        permissions: [...r.permissions],
      })),
    )
    .onConflictDoUpdate({
      target: roles.code,
      set: {
        nameZh: sql`excluded.name_zh`,
        nameEn: sql`excluded.name_en`,
        permissions: sql`excluded.permissions`,
      },
    });
}
