/**
 * The end of a write form: why the input was not sent (checked in the page first), then the
 * submit button, disabled while sending or when the form says so.
 */
export function FormSubmitRow({
  invalid,
  label,
  disabled,
}: {
  invalid: string | null;
  label: string;
  disabled: boolean;
}) {
  return (
    <>
      {invalid && (
        <p className="error wide" role="alert">
          {invalid}
        </p>
      )}
      <div className="wide">
        <button type="submit" className="primary" disabled={disabled}>
          {label}
        </button>
      </div>
    </>
  );
}
