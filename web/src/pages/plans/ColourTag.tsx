/** A warning colour as a tag, with the server's reason on hover. */
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagColour } from './colours.ts';
import type { Colour } from './colours.ts';

interface Props {
  colour: Colour;
  reason?: string | undefined;
}

/** The tag. */
export function ColourTag({ colour, reason }: Props) {
  const { t } = useTranslation();
  return (
    <Tooltip title={reason}>
      <Tag color={tagColour[colour]} data-testid="colour-tag" data-colour={colour}>
        {t(`planColours.${colour}`)}
      </Tag>
    </Tooltip>
  );
}
