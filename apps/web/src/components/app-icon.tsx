/** A coloured tile with the app's icon (an emoji or short text) or the first letter of its name. */
export function AppIcon({ name, icon, color, size = 'md' }: { name: string; icon?: string | undefined; color?: string | undefined; size?: 'sm' | 'md' }) {
  const glyph = icon && [...icon].length <= 2 ? icon : ([...name.trim()][0] ?? '?').toUpperCase();
  return (
    <span className={`app-icon app-icon--${size}`} style={color ? { background: color } : undefined} aria-hidden="true">
      {glyph}
    </span>
  );
}
