import type { ReactNode } from 'react';

export const metadata = { title: 'Northwind Coffee · banq-checkout on Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
