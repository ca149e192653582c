import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  DARK_TEXT,
  hexToRgb,
  LIGHT_TEXT,
  OKABE_ITO,
  readableTextOn,
  relativeLuminance,
  seriesColour,
  sequential,
  TERMINAL_RAMP,
  terminalRampColour,
  viridis,
  xtermHex,
} from './colour.js';

describe('palettes', () => {
  it('runs viridis from dark purple to yellow, clamping outside [0, 1]', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(-3)).toBe('#440154');
    expect(viridis(Number.NaN)).toBe('#440154');
    expect(viridis(0.5)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('makes the heat-map ramp pale for low values and dark for high ones', () => {
    const [low, high] = [sequential(0), sequential(1)];
    expect(contrastRatio(low, '#ffffff')).toBeLessThan(contrastRatio(high, '#ffffff'));
    expect(high).toBe('#440154');
  });

  it('cycles through Okabe–Ito for series', () => {
    expect(seriesColour(0)).toBe('#0072B2');
    expect(seriesColour(OKABE_ITO.length)).toBe(seriesColour(0));
    expect(new Set(OKABE_ITO.map((_, i) => seriesColour(i))).size).toBe(OKABE_ITO.length);
  });
});

describe('contrast', () => {
  it('follows WCAG', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('puts readable text on every ramp colour', () => {
    expect(readableTextOn('#440154')).toBe(LIGHT_TEXT);
    expect(readableTextOn('#fde725')).toBe(DARK_TEXT);
    for (let t = 0; t <= 1; t += 0.01) {
      const background = sequential(t);
      expect(contrastRatio(background, readableTextOn(background))).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('terminal colours', () => {
  it('converts xterm-256 indices to RGB', () => {
    expect(xtermHex(16)).toBe('#000000');
    expect(xtermHex(231)).toBe('#ffffff');
    expect(xtermHex(196)).toBe('#ff0000');
    expect(xtermHex(244)).toBe('#808080');
    expect(hexToRgb('#abc')).toEqual([170, 187, 204]);
  });

  it('runs the terminal ramp from pale to dark, in seven even bins', () => {
    const lightness = TERMINAL_RAMP.map((i) => relativeLuminance(xtermHex(i)));
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]).toBeLessThan(lightness[i - 1]!);
    expect(terminalRampColour(0)).toBe(TERMINAL_RAMP[0]);
    expect(terminalRampColour(1)).toBe(TERMINAL_RAMP[6]);
    expect(terminalRampColour(0.5)).toBe(TERMINAL_RAMP[3]);
    expect(terminalRampColour(Number.NaN)).toBe(TERMINAL_RAMP[0]);
  });
});
