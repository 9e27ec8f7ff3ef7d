// The body-site picker: a front and a back figure whose regions are the contract's
// site words, with a grouped list and a laterality list beside it for keyboard and
// screen-reader users. Laterality follows the patient (the patient's right is on the
// viewer's left in the front view, on the viewer's right in the back view).
import { h, select } from './dom.js';
import { SITE_GROUPS, SITE_LABEL, LATERALITY } from '../lib/vocab.js';

const mirror = (points) => points.map(([x, y]) => [200 - x, y]);
const poly = (points) => `M${points.map(([x, y]) => `${x},${y}`).join(' L')} Z`;

const ARM = [[66, 90], [56, 94], [42, 208], [52, 211], [67, 132]];
const LEG = [[74, 190], [98, 190], [96, 372], [80, 372]];

// [site, shape, attributes, laterality on the viewer's left side ('auto' = from the click)]
function frontRegions() {
  return [
    ['face', 'ellipse', { cx: 100, cy: 46, rx: 26, ry: 31 }, 'midline'],
    ['scalp', 'path', { d: 'M75,36 Q76,10 100,12 Q124,10 125,36 Q113,22 100,22 Q87,22 75,36 Z' }, 'midline'],
    ['forehead', 'ellipse', { cx: 100, cy: 31, rx: 17, ry: 6 }, 'midline'],
    ['eyelid', 'ellipse', { cx: 90, cy: 41, rx: 6, ry: 3 }, 'right'],
    ['eyelid', 'ellipse', { cx: 110, cy: 41, rx: 6, ry: 3 }, 'left'],
    ['nose', 'path', { d: 'M100,42 L94,56 L106,56 Z' }, 'midline'],
    ['cheek', 'ellipse', { cx: 85, cy: 54, rx: 7, ry: 6 }, 'right'],
    ['cheek', 'ellipse', { cx: 115, cy: 54, rx: 7, ry: 6 }, 'left'],
    ['ear', 'ellipse', { cx: 72, cy: 46, rx: 4, ry: 8 }, 'right'],
    ['ear', 'ellipse', { cx: 128, cy: 46, rx: 4, ry: 8 }, 'left'],
    ['lip', 'ellipse', { cx: 100, cy: 63, rx: 8, ry: 3 }, 'midline'],
    ['chin', 'ellipse', { cx: 100, cy: 71, rx: 7, ry: 3.5 }, 'midline'],
    ['neck', 'rect', { x: 89, y: 77, width: 22, height: 13, rx: 3 }, 'auto'],
    ['chest', 'rect', { x: 70, y: 90, width: 60, height: 40, rx: 8 }, 'auto'],
    ['axilla', 'ellipse', { cx: 70, cy: 100, rx: 5, ry: 8 }, 'right'],
    ['axilla', 'ellipse', { cx: 130, cy: 100, rx: 5, ry: 8 }, 'left'],
    ['abdomen', 'rect', { x: 72, y: 130, width: 56, height: 42, rx: 4 }, 'auto'],
    ['trunk', 'rect', { x: 72, y: 172, width: 56, height: 16, rx: 4 }, 'auto'],
    ['genitalia', 'ellipse', { cx: 100, cy: 196, rx: 7, ry: 6 }, 'midline'],
    ['arm', 'path', { d: poly(ARM) }, 'right'],
    ['arm', 'path', { d: poly(mirror(ARM)) }, 'left'],
    ['hand', 'ellipse', { cx: 46, cy: 222, rx: 8, ry: 10 }, 'right'],
    ['hand', 'ellipse', { cx: 154, cy: 222, rx: 8, ry: 10 }, 'left'],
    ['finger', 'rect', { x: 38, y: 233, width: 15, height: 14, rx: 4 }, 'right'],
    ['finger', 'rect', { x: 147, y: 233, width: 15, height: 14, rx: 4 }, 'left'],
    ['leg', 'path', { d: poly(LEG) }, 'right'],
    ['leg', 'path', { d: poly(mirror(LEG)) }, 'left'],
    ['foot', 'ellipse', { cx: 87, cy: 382, rx: 10, ry: 8 }, 'right'],
    ['foot', 'ellipse', { cx: 113, cy: 382, rx: 10, ry: 8 }, 'left'],
    ['toe', 'ellipse', { cx: 85, cy: 395, rx: 9, ry: 4 }, 'right'],
    ['toe', 'ellipse', { cx: 115, cy: 395, rx: 9, ry: 4 }, 'left'],
  ];
}

function backRegions() {
  const flip = { right: 'left', left: 'right', midline: 'midline', auto: 'auto' };
  return [
    ['scalp', 'ellipse', { cx: 100, cy: 46, rx: 26, ry: 31 }, 'midline'],
    ['ear', 'ellipse', { cx: 72, cy: 46, rx: 4, ry: 8 }, 'left'],
    ['ear', 'ellipse', { cx: 128, cy: 46, rx: 4, ry: 8 }, 'right'],
    ['neck', 'rect', { x: 89, y: 77, width: 22, height: 13, rx: 3 }, 'auto'],
    ['back', 'rect', { x: 70, y: 90, width: 60, height: 82, rx: 8 }, 'auto'],
    ['trunk', 'rect', { x: 72, y: 172, width: 56, height: 20, rx: 6 }, 'auto'],
    ...frontRegions().filter(([site]) => ['arm', 'hand', 'finger', 'leg', 'foot'].includes(site))
      .map(([site, shape, attrs, lat]) => [site, shape, attrs, flip[lat]]),
  ].map((r) => [...r, 'back']);
}

const LAT_WORD = { right: 'right', left: 'left', midline: 'midline' };

/** Opens the picker for one lesion; `onPick(site, laterality)` runs on confirm. */
export function createBodyMap(dialog, mount) {
  let choice = { site: null, laterality: null };
  let onPick = null;
  const siteSelect = select({ id: 'bodymap-site' }, [['', 'Choose site…'], ...SITE_GROUPS], '');
  const latSelect = select({ id: 'bodymap-lat' }, LATERALITY, '');
  const choiceText = dialog.querySelector('#site-choice');

  const figure = (regions, caption, viewerLeft, viewerRight) => {
    const svg = h('svg:svg', { viewBox: '0 0 200 410', class: 'figure', role: 'group', 'aria-label': `${caption} view` },
      h('svg:text', { x: 100, y: 408, class: 'fig-caption', 'text-anchor': 'middle' }, caption),
      h('svg:text', { x: 14, y: 120, class: 'fig-side' }, viewerLeft),
      h('svg:text', { x: 186, y: 120, class: 'fig-side', 'text-anchor': 'end' }, viewerRight));
    for (const [site, shape, attrs, lat, view] of regions) {
      const latLabel = lat === 'auto' ? '' : lat === 'midline' ? '' : `, ${lat}`;
      const el = h(`svg:${shape}`, {
        ...attrs, class: 'region', tabindex: 0, role: 'button', 'data-site': site, 'data-lat': lat, 'data-view': view ?? 'front',
        'aria-label': `${SITE_LABEL[site]}${latLabel}${view === 'back' ? ' (back)' : ''}`,
      });
      el.append(h('svg:title', {}, `${SITE_LABEL[site]}${latLabel}`));
      svg.append(el);
    }
    return svg;
  };
  const front = figure(frontRegions(), 'Front', 'R', 'L');
  const back = figure(backRegions(), 'Back', 'L', 'R');

  const show = () => {
    siteSelect.value = choice.site ?? '';
    latSelect.value = choice.laterality ?? '';
    for (const r of mount.querySelectorAll('.region')) r.classList.toggle('selected', r.dataset.site === choice.site);
    choiceText.textContent = choice.site
      ? `Selected: ${SITE_LABEL[choice.site]}${choice.laterality ? `, ${LAT_WORD[choice.laterality]}` : ''}` : 'No site selected';
  };

  const pickRegion = (el, evt) => {
    let lat = el.dataset.lat;
    if (lat === 'auto') {
      lat = 'midline';
      if (evt && 'clientX' in evt && evt.clientX) {
        const svg = el.ownerSVGElement;
        const pt = new DOMPoint(evt.clientX, evt.clientY).matrixTransform(svg.getScreenCTM().inverse());
        const patientRightOnLeft = el.dataset.view !== 'back';
        if (pt.x < 96) lat = patientRightOnLeft ? 'right' : 'left';
        else if (pt.x > 104) lat = patientRightOnLeft ? 'left' : 'right';
      }
    }
    choice = { site: el.dataset.site, laterality: lat };
    show();
  };

  for (const svg of [front, back]) {
    svg.addEventListener('click', (e) => { const r = e.target.closest('.region'); if (r) pickRegion(r, e); });
    svg.addEventListener('keydown', (e) => {
      const r = e.target.closest('.region');
      if (r && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); pickRegion(r, null); }
    });
  }
  siteSelect.addEventListener('change', () => { choice.site = siteSelect.value || null; show(); });
  latSelect.addEventListener('change', () => { choice.laterality = latSelect.value || null; show(); });

  mount.replaceChildren(
    h('div', { class: 'figures' }, front, back),
    h('div', { class: 'bodymap-lists' },
      h('div', { class: 'field' }, h('label', { for: 'bodymap-site' }, 'Site'), siteSelect),
      h('div', { class: 'field' }, h('label', { for: 'bodymap-lat' }, 'Laterality'), latSelect)));

  dialog.querySelector('#site-cancel').addEventListener('click', () => dialog.close('cancel'));
  dialog.querySelector('#site-form').addEventListener('submit', () => {
    if (onPick && choice.site) onPick(choice.site, choice.laterality);
  });

  return {
    open(current, pick) {
      choice = { site: current.site ?? null, laterality: current.laterality ?? null };
      onPick = pick;
      show();
      dialog.showModal();
    },
  };
}
