import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';

export interface ButtonProps extends Omit<AriaButtonProps, 'className'> {
  readonly variant?: ButtonVariant;
  readonly size?: 'md' | 'sm';
  readonly className?: string;
}

/** The app's button: react-aria handles press, keyboard and focus-visible; CSS handles the look. */
export function Button({ variant = 'secondary', size = 'md', className, ...props }: ButtonProps) {
  const classes = ['button', `button--${variant}`, `button--${size}`, className].filter(Boolean).join(' ');
  return <AriaButton {...props} className={classes} />;
}
