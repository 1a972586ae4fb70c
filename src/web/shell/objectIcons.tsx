import { IconBriefcase } from '@tabler/icons-react';
import { webRegistry } from '../registry';

/** The icon the object's module gives it; custom objects and objects without one share a briefcase. */
export function ObjectIcon({ object, size = 18 }: { object: string; size?: number }) {
  const Glyph = webRegistry().objectLook(object)?.icon ?? IconBriefcase;
  return <Glyph size={size} stroke={1.6} aria-hidden />;
}
