export function ErrorText({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="notice error" role="alert" data-testid="form-error">
      {error}
    </p>
  );
}
