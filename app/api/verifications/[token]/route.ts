import { confirmVerification, describeVerification } from "@/lib/accounts/verification";
import { route } from "@/lib/http/route";

/** What a confirmation link is for (reading it changes nothing). */
export const GET = route<{ token: string }>(async (_request, params) => ({
  verification: await describeVerification(params.token),
}));

/** Confirms the address: the account can sign in and joins the event it signed up for. */
export const POST = route<{ token: string }>(async (_request, params) => ({
  confirmed: await confirmVerification(params.token),
}));
