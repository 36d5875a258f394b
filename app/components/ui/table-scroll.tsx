import type { ReactNode } from "react";

/**
 * A wide table scrolls inside its own box on a narrow screen, never the page: the box is a
 * named region the keyboard can reach (arrow keys scroll it) and shows a shadow at the edge
 * where more columns are hidden (app.css, `.table-scroll`).
 */
export function TableScroll({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
