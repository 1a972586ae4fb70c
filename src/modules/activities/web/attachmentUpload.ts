import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, apiBase } from '../../../web/api/http';
import type { Attachment } from '../contract';
import { activityKeys } from './api';

/** A file's size in words a person reads: 812 bytes, 14 KB, 2.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Uploads one file to an activity, reporting progress (0 to 1); fetch cannot tell upload progress. */
export function uploadAttachment(
  activityId: string,
  file: File,
  onProgress: (done: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${apiBase}/activities/${activityId}/attachments`);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    request.onerror = () => reject(new ApiError(0, null));
    request.onload = () => {
      const body = parsed(request.responseText);
      if (request.status === 201) resolve(body as Attachment);
      else
        reject(
          new ApiError(
            request.status,
            body && typeof body === 'object' && 'title' in body ? (body as never) : null,
          ),
        );
    };
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

/** One file on its way: how far it got, and why it failed, in words. */
export interface UploadState {
  name: string;
  progress: number;
  error: string | null;
  done: boolean;
}

/** Uploads files one after the other, keeping each one's progress; answers whether all arrived. */
export function useAttachFiles() {
  const client = useQueryClient();
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const update = (index: number, change: Partial<UploadState>) =>
    setUploads((all) => all.map((u, i) => (i === index ? { ...u, ...change } : u)));

  const attach = async (activityId: string, files: File[]): Promise<boolean> => {
    setUploads(files.map((f) => ({ name: f.name, progress: 0, error: null, done: false })));
    let allArrived = true;
    for (const [index, file] of files.entries()) {
      try {
        await uploadAttachment(activityId, file, (progress) => update(index, { progress }));
        update(index, { progress: 1, done: true });
      } catch (error) {
        allArrived = false;
        update(index, { error: error instanceof Error ? error.message : 'The upload failed' });
      }
    }
    void client.invalidateQueries({ queryKey: activityKeys.timelines });
    void client.invalidateQueries({ queryKey: activityKeys.attachments(activityId) });
    return allArrived;
  };
  return { uploads, attach, reset: () => setUploads([]) };
}
