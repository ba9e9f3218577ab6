import { redirect } from "next/navigation";
import { getPageAuth } from "@/lib/auth/page-auth";

export default async function Home() {
  redirect((await getPageAuth()) ? "/dashboard" : "/sign-in");
}
