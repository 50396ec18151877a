/**
 * A short beep for each label read (issue #10 item 5): a reader's user looks at the shelf, not
 * the screen, so the ear tells a seen medium from a warning. Web Audio, no audio files; where
 * no audio device exists (a test browser, a muted terminal) it stays silent.
 */
let context: AudioContext | null = null;

export function beep(kind: 'ok' | 'warning'): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    // A high short tone for 確認; a low longer one for 重複 / 未登録 / 他の保管場所.
    oscillator.type = kind === 'ok' ? 'sine' : 'square';
    oscillator.frequency.value = kind === 'ok' ? 1320 : 330;
    const length = kind === 'ok' ? 0.09 : 0.3;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + length);
  } catch {
    // No audio here: the visual confirmation remains.
  }
}
