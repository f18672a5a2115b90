import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

// Settings from the environment: defaults, and a bad value stopping the start with its name.

describe('the settings', () => {
  it('reads reminder hours, largest first, and names a bad value', () => {
    expect(loadConfig({}).reminderHours).toEqual([24, 1]);
    expect(loadConfig({ HUB_REMINDER_HOURS: '1, 48,1' }).reminderHours).toEqual([48, 1]);
    expect(() => loadConfig({ HUB_REMINDER_HOURS: 'morgen' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_REMINDER_HOURS: 'morgen' })).toThrow(
      'Setting HUB_REMINDER_HOURS is invalid: must be hours separated by commas, e.g. 24,1',
    );
  });

  it('takes a video service base for online meetings, and refuses one that is no URL', () => {
    expect(loadConfig({}).videoBaseUrl).toBeNull();
    expect(loadConfig({ HUB_VIDEO_URL: 'https://meet.jit.si/' }).videoBaseUrl).toBe('https://meet.jit.si/');
    expect(() => loadConfig({ HUB_VIDEO_URL: 'jitsi' })).toThrow('Setting HUB_VIDEO_URL is invalid');
  });
});

describe('log format', () => {
  it('writes readable lines at a terminal and JSON lines otherwise, as HUB_LOG_FORMAT says', async () => {
    const { logFormat, readable } = await import('../../../src/server/logger.js');
    expect(logFormat({}, true)).toBe('text');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ HUB_LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ HUB_LOG_FORMAT: 'text' }, false)).toBe('text');
    expect(
      readable(
        '{"level":"info","time":"2026-12-01T14:03:07.123Z","service":"integration-hub","reqId":"r1","status":200,"msg":"request"}',
      ),
    ).toBe('14:03:07 INFO  request  reqId=r1 status=200');
  });
});
