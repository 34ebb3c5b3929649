// Pointer position inside an element, in the element's own CSS pixels: the record viewer
// is scaled up with CSS zoom on very large screens, where client coordinates are zoomed.
export function localPoint(element: HTMLElement, event: { clientX: number; clientY: number }) {
  const rect = element.getBoundingClientRect();
  const zoom = element.offsetWidth > 0 ? rect.width / element.offsetWidth : 1;
  return { x: (event.clientX - rect.left) / zoom, y: (event.clientY - rect.top) / zoom };
}
