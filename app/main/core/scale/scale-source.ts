/**
 * The port between the core's scale reader and a serial port. The core reads bytes through it and never
 * imports a serial library: the shell and the headless client inject an adapter (serialport), tests a fake.
 */

/** Line settings for opening the port. */
export interface SerialLineSettings {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

/** An open port. */
export interface ScaleLink {
  /** Bytes as they arrive, in whatever pieces the driver hands over. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The port closed: `error` set when it went away (unplugged, the device failed), null when we closed it. */
  onClose(listener: (error: Error | null) => void): void;
  close(): Promise<void>;
}

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  serialNumber: string | null;
}

export interface ScaleSource {
  /** Opens the port or rejects with the system's reason (no such port, busy, permission denied). */
  open(settings: SerialLineSettings): Promise<ScaleLink>;
  /** The serial ports the system knows of, for the settings screen. */
  list(): Promise<SerialPortInfo[]>;
}
