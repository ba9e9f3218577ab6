/** The signed-out frame: one centred card under the product name. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-8 text-center text-2xl font-semibold tracking-tight text-indigo-700">Conveyor</p>
        <div className="rounded-lg bg-white px-6 py-8 shadow-sm ring-1 ring-slate-200 sm:px-8">{children}</div>
      </div>
    </main>
  );
}
