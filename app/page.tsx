import { redirect } from "next/navigation";
import { getCurrentMember } from "@/lib/auth/member";

export default async function Home() {
  redirect((await getCurrentMember()) ? "/users" : "/sign-in");
}
