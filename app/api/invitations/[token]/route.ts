import { describeInvitation } from "@/lib/events/invitations";
import { route } from "@/lib/http/route";

export const GET = route<{ token: string }>(async (_request, params) => ({ invitation: await describeInvitation(params.token) }));
