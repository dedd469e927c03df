import type { FileListResponse, FileUploadResponse, OpenTunnelResponse, RemoteSettings, WakeResponse } from '@pons/protocol';
import { request, upload } from '../api.js';

const ref = (id: string) => encodeURIComponent(id);
const pathQuery = (path: string) => `path=${encodeURIComponent(path)}`;

export type SessionKind = 'vnc' | 'terminal';

/** Remote sessions (desktop, terminal), the file browser, Wake-on-LAN and the per-entity consent setting. */
export const remoteApi = {
  /** Opens a tunnel to the machine; its socket must be connected within 30 s, once. */
  openTunnel: (machine: string, body: { kind: SessionKind; cols?: number; rows?: number }) =>
    request<OpenTunnelResponse>('POST', `/api/v1/machines/${ref(machine)}/tunnels`, body),
  files: (machine: string, path: string) => request<FileListResponse>('GET', `/api/v1/machines/${ref(machine)}/files?${pathQuery(path)}`),
  /** Sends the file as it is read from disk (never whole in memory), so files of several GB work. */
  uploadFile: (machine: string, path: string, file: Blob, overwrite: boolean, onProgress: (fraction: number) => void) =>
    upload<FileUploadResponse>(
      `/api/v1/machines/${ref(machine)}/files/content?${pathQuery(path)}&overwrite=${overwrite}`,
      file,
      onProgress,
    ),
  wake: (machine: string) => request<WakeResponse>('POST', `/api/v1/machines/${ref(machine)}/wake`, {}),
  remoteSettings: (entity: string) => request<RemoteSettings>('GET', `/api/v1/entities/${ref(entity)}/remote-settings`),
  saveRemoteSettings: (entity: string, body: RemoteSettings) =>
    request<RemoteSettings>('PUT', `/api/v1/entities/${ref(entity)}/remote-settings`, body),
};

/** A file on the machine, for a plain download link (GET, with the session cookie). */
export const fileContentUrl = (machine: string, path: string) => `/api/v1/machines/${ref(machine)}/files/content?${pathQuery(path)}`;
