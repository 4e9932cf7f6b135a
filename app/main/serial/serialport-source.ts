import type { SerialPort } from 'serialport';
import type { ScaleLink, ScaleSource, SerialLineSettings, SerialPortInfo } from '../core/scale/scale-source';

/** What a person can do about the usual reasons a port will not open. */
function explain(error: Error): Error {
  const text = error.message;
  if (/no such file|ENOENT/i.test(text)) return new Error('no such port: check the cable, then pick the port again');
  if (/permission denied|EACCES/i.test(text))
    return new Error('permission denied: on Linux add this user to the "dialout" group and sign in again');
  if (/lock|busy|EBUSY/i.test(text)) return new Error('in use by another program');
  return error;
}

/**
 * serialport carries a native addon: it is loaded on first use, so a desk without a working serial library
 * still starts, and only the scale says what is wrong.
 */
async function serialPortClass(): Promise<typeof SerialPort> {
  try {
    return (await import('serialport')).SerialPort;
  } catch (error) {
    throw new Error(`the serial port library could not be loaded (${(error as Error).message}); reinstall CollectPay`);
  }
}

/**
 * The ScaleSource over the `serialport` package: the shell and the headless client hand this to the core's
 * ScaleReader. Plain Node — no Electron — and the only place the serial library is imported.
 */
export const serialPortSource: ScaleSource = {
  async open(settings: SerialLineSettings): Promise<ScaleLink> {
    const SerialPort = await serialPortClass();
    const port = new SerialPort({
      path: settings.path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(explain(error)) : resolve())));
    // Errors after opening also arrive as 'close' (a disconnect) or are reported there; never unhandled.
    port.on('error', () => undefined);
    return {
      onData(listener) {
        port.on('data', (chunk: Buffer) => listener(chunk));
      },
      onClose(listener) {
        port.on('close', (error: Error | null | undefined) => listener(error ?? null));
      },
      close() {
        return new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
      },
    };
  },

  async list(): Promise<SerialPortInfo[]> {
    const ports = await (await serialPortClass()).list();
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      serialNumber: p.serialNumber ?? null,
    }));
  },
};
