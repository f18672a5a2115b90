import { NotFound } from '../../src/domain/errors.js';
import { matchName } from '../../src/domain/names.js';
import { defineCommand, parsed } from '../core/command.js';
import { reply } from '../core/reply.js';

// `!karte [Kreis]`: the network map of a district (or of everything). On Matrix it is also
// added to the room as a widget, which signs its viewers in through Matrix itself.

interface MapTarget {
  district: { ags: string; name: string } | null;
  link: string;
  widgetUrl: string;
}

export const mapCommand = defineCommand({
  name: { de: 'karte', en: 'map' },
  summary: {
    de: 'die Netzwerkkarte eines Kreises, in Matrix als Widget im Raum',
    en: "a district's network map, on Matrix as a widget in the room",
  },
  usage: { de: '!karte [Landkreis oder Kreisfreie Stadt]', en: '!map [district]' },
  example: { de: '!karte Meißen', en: '!map Meißen' },
  options: [
    {
      name: { de: 'kreis', en: 'district' },
      description: { de: 'Landkreis oder Kreisfreie Stadt', en: 'district' },
      required: false,
      rest: true,
    },
  ],
  replaySafe: true,
  parse: (args) => parsed(args.join(' ').trim()),
  run: async (name, context, deps): Promise<MapTarget> => {
    let district: MapTarget['district'] = null;
    if (name) {
      const { match, suggestions } = matchName(name.slice(0, 100), await deps.directory.listDistricts(), (d) => d.name);
      if (!match)
        throw new NotFound(
          'District',
          name,
          suggestions.map((d) => d.name),
        );
      district = { ags: match.ags, name: match.name };
    }
    const query = new URLSearchParams();
    if (district) query.set('district', district.ags);
    if (context.language === 'en') query.set('lang', 'en');
    const link = `${deps.publicUrl}/${query.size ? `?${query}` : ''}`;
    // Element fills in $matrix_widget_id; the page needs it to speak the widget API.
    const widgetUrl = `${deps.publicUrl}/?${query.size ? `${query}&` : ''}widgetId=$matrix_widget_id`;
    return { district, link, widgetUrl };
  },
  render: ({ district, link, widgetUrl }, { language }) => {
    const title =
      language === 'de'
        ? `Netzwerkkarte ${district?.name ?? 'aller Kreise'}`
        : `Network map ${district ? `of ${district.name}` : 'of all districts'}`;
    return {
      ...reply([[{ link: link, href: link }]], { title }),
      widget: { id: `hub-map-${district?.ags ?? 'all'}`, name: title, url: widgetUrl },
    };
  },
});
