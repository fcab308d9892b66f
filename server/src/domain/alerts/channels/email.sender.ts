import { createTransport } from 'nodemailer';
import type { NotificationChannel } from '../notification-channel.entity';
import type { ChannelSender, Outgoing } from './channel-sender';
import type { SendResult } from './send-result';

/** SMTP through nodemailer: a 5xx reply is a refusal, a 4xx reply or a connection problem is retried. */
export class EmailSender implements ChannelSender {
  async send(channel: NotificationChannel, outgoing: Outgoing, timeoutMs: number): Promise<SendResult> {
    const transport = createTransport({
      host: channel.smtpHost!,
      port: channel.smtpPort ?? 587,
      secure: channel.smtpSecure ?? false,
      ...(channel.smtpUser ? { auth: { user: channel.smtpUser, pass: channel.smtpPassword ?? '' } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const m = outgoing.message;
    try {
      const info = await transport.sendMail({
        from: channel.fromAddress!,
        to: channel.toAddresses,
        subject: `[LevelSync] ${m.text}`.slice(0, 200),
        text: `${m.text}\n\n${JSON.stringify(m, null, 2)}\n`,
        headers: { 'X-LevelSync-Event-Id': outgoing.eventId },
        messageId: `<${outgoing.eventId}@levelsync>`,
      });
      const code = Number(/^(\d{3})/.exec(String(info.response ?? '250'))?.[1] ?? 250);
      return { outcome: 'delivered', statusCode: code, error: null, retryAfterMs: null };
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; message?: string };
      const code = typeof e.responseCode === 'number' ? e.responseCode : null;
      const refused = code !== null && code >= 500;
      return { outcome: refused ? 'refused' : 'retry', statusCode: code, error: `SMTP ${code ?? e.code ?? ''}: ${String(e.message ?? error).slice(0, 200)}`, retryAfterMs: null };
    } finally {
      transport.close();
    }
  }
}
