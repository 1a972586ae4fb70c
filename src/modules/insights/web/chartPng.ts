/** Style properties an SVG chart takes from CSS (Mantine's colour variables), which a lone SVG image lacks. */
const painted = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
];

/** The chart's drawing: the largest SVG in the element (legend swatches are SVGs too). */
export function chartSvgIn(element: HTMLElement): SVGSVGElement | null {
  const area = (svg: SVGSVGElement) => svg.clientWidth * svg.clientHeight;
  return [...element.querySelectorAll('svg')].reduce<SVGSVGElement | null>(
    (best, svg) => (!best || area(svg) > area(best) ? svg : best),
    null,
  );
}

/** A copy of the chart's SVG with its computed styles written on each element, so it draws alone. */
function standalone(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const style = getComputedStyle(original);
    const target = copies[i] as SVGElement;
    for (const property of painted) target.style.setProperty(property, style.getPropertyValue(property));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(svg.clientWidth));
  copy.setAttribute('height', String(svg.clientHeight));
  return new XMLSerializer().serializeToString(copy);
}

/** Draws the chart at twice its size on a white canvas and downloads it as `<name>.png`, all in the browser. */
export async function downloadChartPng(svg: SVGSVGElement, name: string): Promise<void> {
  // data: URLs, as the content security policy allows images from there and not from blob: URLs.
  const image = new Image();
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = () => reject(new Error('The chart could not be drawn'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(standalone(svg))}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = svg.clientWidth * 2;
  canvas.height = svg.clientHeight * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = `${name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'report'}.png`;
  link.click();
}
