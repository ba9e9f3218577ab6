/** Prisma's unique-constraint violation, whichever driver adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { code?: string; kind?: string } } } };
  return (
    e.code === "P2002" ||
    e.code === "23505" ||
    e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    e.cause?.code === "23505"
  );
}
