import type { ChannelKind, NotificationChannelInput } from '../../generated/graphql';

export const channelKinds: readonly ChannelKind[] = ['WEBHOOK', 'SLACK', 'PAGERDUTY', 'EMAIL'];

/** What a new channel's form holds; secrets live here only until sent, and are never read back. */
export interface ChannelForm {
  name: string;
  kind: ChannelKind;
  url: string;
  secret: string;
  routingKey: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPassword: string;
  from: string;
  to: string;
}

export const emptyChannelForm: ChannelForm = {
  name: '',
  kind: 'WEBHOOK',
  url: '',
  secret: '',
  routingKey: '',
  smtpHost: '',
  smtpPort: '587',
  smtpSecure: false,
  smtpUser: '',
  smtpPassword: '',
  from: '',
  to: '',
};

/** Only the fields of the chosen kind are sent; empty optional fields are left out, never sent empty. */
export function channelInput(form: ChannelForm): { input: NotificationChannelInput } | { invalid: string } {
  if (!form.name.trim()) return { invalid: 'Give the channel a name.' };
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const base = { name: form.name.trim(), kind: form.kind, enabled: true };
  switch (form.kind) {
    case 'WEBHOOK':
      return { input: { ...base, url: text(form.url), secret: text(form.secret) } };
    case 'SLACK':
      return { input: { ...base, url: text(form.url) } };
    case 'PAGERDUTY':
      return { input: { ...base, url: text(form.url), routingKey: text(form.routingKey) } };
    case 'EMAIL': {
      const port = Number(form.smtpPort);
      if (!Number.isInteger(port)) return { invalid: 'The SMTP port must be a whole number.' };
      const to = form.to
        .split(/[,\s]+/)
        .map((address) => address.trim())
        .filter(Boolean);
      return {
        input: {
          ...base,
          smtpHost: text(form.smtpHost),
          smtpPort: port,
          smtpSecure: form.smtpSecure,
          smtpUser: text(form.smtpUser),
          smtpPassword: text(form.smtpPassword),
          from: text(form.from),
          to,
        },
      };
    }
  }
}
