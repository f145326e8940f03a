import type { Mail } from "./send";

/** The mails the app sends, in one place: plain text, our own words. */

export function invitationMail(to: string, eventName: string, role: string, url: string, expiresAt: string): Mail {
  return {
    to,
    subject: `You are invited to ${eventName}`,
    text: `The secretariat of ${eventName} invites you to take part as ${role.toLowerCase()} in drafting its messages.\n\nAccept the invitation here:\n\n${url}\n\nThe link works once, until ${expiresAt} (UTC). If you did not expect it, you can ignore this message.`,
  };
}

export function passwordResetMail(to: string, url: string, expiresAt: string): Mail {
  return {
    to,
    subject: "Set a new password for Rapporteur",
    text: `A site admin issued a link for you to set a new password:\n\n${url}\n\nIt works once, until ${expiresAt} (UTC); setting a password signs you out everywhere else. If you did not ask for it, tell a site admin.`,
  };
}

export function reminderMail(to: string, name: string, eventName: string, sessionTitle: string, url: string): Mail {
  return {
    to,
    subject: `Report still missing: ${sessionTitle}`,
    text: `Dear ${name},\n\nthe secretariat of ${eventName} is still waiting for the report of the session "${sessionTitle}", which you are listed to file. The rapporteurs draw the messages from these reports, so the sooner it comes, the more of your session they can reflect.\n\nFile the report here (a draft is saved as you go, and stays private until you submit it):\n\n${url}\n\nThank you.`,
  };
}
