import { sql } from "drizzle-orm";
import { memberships, users } from "../schema";

// What an account may see of a member who has not accepted its invitation yet: only what its
// own inviter typed. The person's profile (name, image) may have been set by another
// account's invitation or by the person, and would tell this account who they are elsewhere.

/** The member's name as this account shows it: the invited name until they join, then their profile's. */
export const memberName = sql<string>`case when ${memberships.state} = 'invited' then ${memberships.invitedName} else ${users.fullName} end`;

/** Their profile image's hash, once they have joined; null (initials) before. */
export const memberAvatarHash = sql<
  string | null
>`case when ${memberships.state} = 'invited' then null else ${users.avatarHash} end`;
