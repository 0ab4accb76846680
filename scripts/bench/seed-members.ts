// Seeds one large account (and a few smaller ones, so every query's tenant scoping is
// exercised) straight in SQL: 100,000 members take seconds this way, minutes through the app.
import type { Sql } from "postgres";

const FIRST = [
  "Aarav",
  "Aditi",
  "Ajay",
  "Ananya",
  "Arjun",
  "Asha",
  "Deepa",
  "Dev",
  "Farah",
  "Gaurav",
  "Isha",
  "Jan",
  "Janet",
  "Kabir",
  "Kiran",
  "Leela",
  "Maya",
  "Meera",
  "Neel",
  "Nisha",
  "Omar",
  "Priya",
  "Rahul",
  "Ravi",
  "Rohan",
  "Sara",
  "Tara",
  "Uma",
  "Vikram",
  "Zoya",
];
const LAST = [
  "Bose",
  "Chopra",
  "Das",
  "Desai",
  "Fernandes",
  "Gupta",
  "Iyer",
  "Joshi",
  "Kapoor",
  "Khan",
  "Kowalski",
  "Kumar",
  "Malhotra",
  "Mehta",
  "Menon",
  "Nair",
  "Patel",
  "Pillai",
  "Rao",
  "Reddy",
  "Saxena",
  "Shah",
  "Siddiqui",
  "Singh",
  "Thomas",
  "Verma",
];

export interface SeededAccount {
  id: string;
  name: string;
  members: number;
  /** An active Admin of the account, for signing in. */
  adminEmail: string;
}

/**
 * One account with `members` members in the mix of a real team: mostly active, some revoked,
 * pending (live and expired links), Experts with access till in the future and the past;
 * every role; three in four have signed in. Emails are unique across the database (prefix).
 */
export async function seedAccount(
  sql: Sql,
  options: { name: string; members: number; prefix: string; passwordHash: string | null },
): Promise<SeededAccount> {
  const [account] = await sql<{ id: string }[]>`
    insert into accounts (name, allowed_domains, support_email, enabled_additional_roles)
    values (${options.name}, ${["example.com"]}, 'support@example.com', '{whatsapp_only,numbers_read_only}')
    returning id`;
  const n = options.members;
  // Row by row, memberships' triggers (copying the name and address, counting per state and
  // roles) and the users join take minutes at a million; here the same values go in at once,
  // with the triggers off for this one statement, and the counts are added up after it.
  await sql.begin(async (tx) => {
    await tx`alter table memberships disable trigger user`;
    await tx`
    with people as materialized (
      select g, gen_random_uuid() as user_id,
        (${FIRST}::text[])[1 + (g * 7) % ${FIRST.length}] || ' ' || (${LAST}::text[])[1 + (g * 11 + g / 30) % ${LAST.length}] || ' ' || g as full_name,
        ${options.prefix} || g || '@example.com' as email
      from generate_series(1, ${n}) g
    ), inserted as (
      insert into users (id, email, full_name, password_hash)
      select user_id, email, full_name, case when g % 14 = 0 then null else ${options.passwordHash}::text end
      from people
    )
    insert into memberships (account_id, user_id, roles, state, invited_name, access_till, invited_at, invite_expires_at, joined_at, revoked_at, revoke_reason, last_login_at, last_login_ip, last_login_user_agent, sort_name, search_text)
    select ${account.id}, p.user_id,
      case
        when g = 1 or g % 50 = 0 then '{admin}'::role[]
        when g % 11 = 0 then '{expert}'::role[]
        when g % 5 = 0 then '{communication_manager,whatsapp_only}'::role[]
        when g % 3 = 0 then '{communication_manager}'::role[]
        when g % 17 = 0 then '{numbers_read_only}'::role[]
        else '{support}'::role[] end,
      case when g % 14 = 0 then 'invited' when g % 10 = 0 and g > 1 then 'revoked' else 'active' end::membership_state,
      case when g % 14 = 0 then p.full_name end,
      -- Experts' access ended up to 10 days ago or ends within 29 days, some of it tomorrow:
      -- their reminders (one per Expert, one message per Admin listing those due together) are
      -- rendered and sent in the background while the bench measures.
      case when g % 11 = 0 then now() + ((g % 40) - 10) * interval '1 day' end,
      now() - interval '30 days',
      case when g % 14 = 0 then now() + ((g % 3) - 1) * interval '1 hour' end,
      case when g % 14 = 0 then null else now() - interval '29 days' end,
      case when g % 10 = 0 and g % 14 <> 0 and g > 1 then now() - interval '2 days' end,
      case when g % 10 = 0 and g % 14 <> 0 and g > 1 then 'Issue was resolved' end,
      case when g % 4 = 0 or g % 14 = 0 then null else now() - (g % 100000) * interval '37 seconds' end,
      case when g % 4 = 0 or g % 14 = 0 then null else '198.51.100.' || (g % 250) end,
      case when g % 4 = 0 or g % 14 = 0 then null else 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' end,
      -- What memberships_copy_user (migration 0011) writes: the shown name (an invitee's is the
      -- name typed, here the same), and that name with the address.
      lower(p.full_name),
      lower(p.full_name) || ' ' || p.email
    from people p`;
    await tx`alter table memberships enable trigger user`;
    await tx`
      insert into membership_counts (account_id, state, roles, n)
      select account_id, state, roles, count(*) from memberships where account_id = ${account.id} group by 1, 2, 3`;
    await tx`
      insert into membership_expiry_counts (account_id, day, roles, n)
      select account_id, date_trunc('day', access_till, 'UTC'), roles, count(*) from memberships
      where account_id = ${account.id} and state = 'active' and access_till is not null group by 1, 2, 3`;
  });
  return { id: account.id, name: options.name, members: n, adminEmail: `${options.prefix}1@example.com` };
}

/** The large account and `others` smaller ones, vacuumed and analysed. */
export async function seedMembers(
  sql: Sql,
  options: { members: number; others?: number; otherSize?: number; passwordHash: string | null },
) {
  const big = await seedAccount(sql, {
    name: "Bench Large",
    members: options.members,
    prefix: "big",
    passwordHash: options.passwordHash,
  });
  const others: SeededAccount[] = [];
  for (let i = 1; i <= (options.others ?? 4); i++) {
    others.push(
      await seedAccount(sql, {
        name: `Bench Small ${i}`,
        members: options.otherSize ?? 5_000,
        prefix: `s${i}-`,
        passwordHash: options.passwordHash,
      }),
    );
  }
  // As autovacuum would leave them: counters compacted, visibility maps set, statistics fresh.
  await sql`vacuum analyze`;
  return { big, others };
}

/** The large account of a database seeded earlier (BENCH_DATABASE), checked against the size asked for. */
export async function seededAccount(sql: Sql, members: number): Promise<SeededAccount> {
  const [big] = await sql<{ id: string; n: number }[]>`
    select a.id, (select sum(n)::int from membership_counts c where c.account_id = a.id) as n
    from accounts a where a.name = 'Bench Large'`;
  if (big.n !== members)
    throw new Error(`the kept database holds ${big.n} members in its large account, not BENCH_MEMBERS=${members}`);
  return { id: big.id, name: "Bench Large", members, adminEmail: "big1@example.com" };
}
