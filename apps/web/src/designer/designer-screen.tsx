import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  closestCorners, DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, useSensor, useSensors,
  type Announcements, type CollisionDetection, type DragEndEvent, type DragStartEvent, type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { Field, FieldKind, FormDefinition, LocalizedText } from '@tangram/schema';
import { localText } from '@tangram/ui';
import { useApi } from '../api/api-provider';
import { describeError, describeProblem } from '../api/describe-error';
import { AppIcon } from '../components/app-icon';
import type { CurrentUser } from '../api/endpoints';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { useSession } from '../session/session-provider';
import { AppShell } from '../shell/app-shell';
import { workspacePaths } from '../workspace/paths';
import { Canvas, type Selection } from './canvas';
import { ChecksPanel } from './checks-panel';
import { ConfirmDialog } from './confirm-dialog';
import type { DesignerApi } from './designer-api';
import { kindLabel } from './designer-labels';
import { designerMessages } from './designer-messages';
import {
  addCheck, addField, addSection, addTab, moveField, moveFieldToTab, moveSectionToTab, removeCheck, removeField, removeSection, removeTab, sectionOf, shiftSection, shiftTab,
  tabSections, updateCheck, updateField, updateSection, updateTab, withLayout,
} from './designer-model';
import { FieldProperties, withText } from './field-properties';
import { pushHistory, redo, startHistory, undo, type History } from './history';
import { Palette } from './palette';
import { placeDesignProblems } from './place-problems';
import { PreviewPane } from './preview-pane';
import { TextProperty } from './property-inputs';
import { PublishDialog } from './publish-dialog';
import { SectionProperties } from './section-properties';
import { TabProperties } from './tab-properties';
import { useAutosave, type SaveStatus } from './use-autosave';
import { useDesignerApi } from './use-designer-api';
import './designer.css';
import '../workspace/workspace.css';

type View = 'design' | 'desktop' | 'phone';

type DesignerKey = keyof (typeof designerMessages)['en'];
/** Text the designer writes into the form itself (a new field's label) is stored in both languages. */
const bothLanguages = (key: DesignerKey): LocalizedText => ({ 'zh-CN': designerMessages['zh-CN'][key], en: designerMessages.en[key] });

/** `/apps/:app/design/:form`: loads the draft (or the latest version when there is none yet) into the designer. */
export function DesignerScreen({ user, appKey, formKey }: { user: CurrentUser; appKey: string; formKey: string }) {
  const { t, text, locale } = useI18n();
  const api = useDesignerApi(appKey);
  const apps = useApi();
  const loaded = useLoad(async () => {
    const [form, list] = await Promise.all([api.load(formKey), apps.listApps()]);
    return { form, app: list.find((a) => a.key === appKey) };
  }, [api, apps, appKey, formKey]);
  const app = loaded.kind === 'ready' ? loaded.value.app : undefined;
  const appName = (app ? text(app.name) : '') || appKey;
  const crumb = (
    <Link to={`/apps/${encodeURIComponent(appKey)}`} className="crumb">
      <AppIcon name={appName} icon={app?.icon} color={app?.color} size="sm" />
      <span className="crumb__label">{appName}</span>
    </Link>
  );
  if (loaded.kind !== 'ready') {
    return (
      <AppShell user={user} crumb={crumb} title={t('designer.title', { form: formKey })}>
        <div className="page">
          {loaded.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
          {loaded.kind === 'failed' ? <ErrorState title={t('designer.loadError')} message={describeError(loaded.error, t, locale)} retryLabel={t('common.retry')} onRetry={loaded.reload} /> : null}
        </div>
      </AppShell>
    );
  }
  return <Designer key={formKey} user={user} appKey={appKey} initial={loaded.value.form} api={api} crumb={crumb} />;
}

/** Which drag is under way, for the overlay and the announcements. */
type Dragging =
  | { readonly kind: 'palette'; readonly fieldKind: FieldKind }
  | { readonly kind: 'field'; readonly key: string }
  | { readonly kind: 'section'; readonly id: string }
  | null;

function Designer({ user, appKey, initial, api, crumb }: { user: CurrentUser; appKey: string; initial: FormDefinition; api: DesignerApi; crumb: React.ReactNode }) {
  const { t, locale } = useI18n();
  const { expired } = useSession();
  const [history, setHistory] = useState<History<FormDefinition>>(() => startHistory(withLayout(initial, bothLanguages('designer.section.default'))));
  const form = history.present;
  const [selection, setSelection] = useState<Selection>(null);
  const [openTabId, setOpenTab] = useState<string | undefined>(undefined);
  const [view, setView] = useState<View>('design');
  const [panel, setPanel] = useState<'props' | 'checks'>('props');
  const [dragging, setDragging] = useState<Dragging>(null);
  const [confirm, setConfirm] = useState<{ title: string; run: () => void } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [publishedVersion, setPublishedVersion] = useState<number | null>(null);
  const save = useCallback((body: FormDefinition) => api.save(body), [api]);
  const { status, flush } = useAutosave(form, save, expired);

  const edit = useCallback((change: (form: FormDefinition) => FormDefinition, merge: string | null = null) => {
    setHistory((h) => pushHistory(h, change(h.present), merge));
  }, []);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y): the designer's own history, also while typing in a property.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) setHistory(undo);
      else if ((key === 'z' && e.shiftKey) || key === 'y') setHistory(redo);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const problems = useMemo(() => placeDesignProblems(form, status.kind === 'invalid' ? status.problems : []), [form, status]);
  const selectedField = selection?.kind === 'field' ? form.fields.find((f) => f.key === selection.key) : undefined;
  const selectedSection = selection?.kind === 'section' ? form.layout?.find((s) => s.id === selection.id) : undefined;
  const tabs = form.tabs ?? [];
  const selectedTab = selection?.kind === 'tab' ? tabs.find((tab) => tab.id === selection.id) : undefined;
  // The tab shown on the canvas; after an undo that removed it, the first one.
  const openTab = (tabs.find((tab) => tab.id === openTabId) ?? tabs[0])?.id;
  const shownSections = openTab ? tabSections(form, openTab) : form.layout ?? [];
  const targetSection = (selectedField ? sectionOf(form, selectedField.key)?.id : selectedSection?.id) ?? shownSections[shownSections.length - 1]?.id ?? form.layout?.[form.layout.length - 1]?.id;

  const fieldName = (key: string) => {
    const field = form.fields.find((f) => f.key === key);
    return field ? localText(field.label, locale) || key : key;
  };
  const sectionName = (id: string) => localText(form.layout?.find((s) => s.id === id)?.title, locale) || t('designer.section.new');
  const tabName = (id: string) => localText(tabs.find((tab) => tab.id === id)?.title, locale) || t('designer.tab.new');
  const nameOf = (id: UniqueIdentifier | undefined): string => {
    const [kind, rest = ''] = String(id ?? '').split(/:(.*)/s);
    if (kind === 'palette') return kindLabel(t, rest as FieldKind);
    if (kind === 'field') return fieldName(rest);
    if (kind === 'section' || kind === 'sectionDrag') return sectionName(rest);
    if (kind === 'tab') return tabName(rest);
    return '';
  };
  const openTabAndEdit = (id: string) => {
    setOpenTab(id);
    setSelection({ kind: 'tab', id });
    setPanel('props');
  };
  const confirmRemoveTab = (id: string) => {
    const index = tabs.findIndex((tab) => tab.id === id);
    const heir = tabs[index === 0 ? 1 : index - 1];
    setConfirm({
      title: heir ? t('designer.tab.removeConfirm', { name: tabName(id), heir: tabName(heir.id) }) : t('designer.tab.removeLastConfirm', { name: tabName(id) }),
      run: () => {
        edit((f) => removeTab(f, id));
        setSelection(null);
        if (heir) setOpenTab(heir.id);
      },
    });
  };

  const add = (kind: FieldKind, sectionId: string | undefined, index: number) => {
    if (!sectionId) return;
    // Computed from the form on screen (not inside the history updater, which React may run later) so
    // the new key is known here, to select it.
    const result = addField(form, kind, sectionId, index, bothLanguages(`designer.kind.${kind}`));
    edit(() => result.form);
    setSelection({ kind: 'field', key: result.key });
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  // Under the pointer, a field card beats the section around it; with the keyboard, the nearest target
  // wins. A section being dragged can only land on a tab header.
  const collisions: CollisionDetection = (args) => {
    const scoped = String(args.active.id).startsWith('sectionDrag:') ? { ...args, droppableContainers: args.droppableContainers.filter((c) => String(c.id).startsWith('tab:')) } : args;
    const hits = pointerWithin(scoped);
    if (hits.length > 0) return [...hits].sort((a, b) => Number(String(b.id).startsWith('field:')) - Number(String(a.id).startsWith('field:')));
    return closestCorners(scoped);
  };

  const onDragStart = (event: DragStartEvent) => {
    const data = event.active.data.current as { kind: string; fieldKind?: FieldKind; key?: string; id?: string } | undefined;
    if (data?.kind === 'palette' && data.fieldKind) setDragging({ kind: 'palette', fieldKind: data.fieldKind });
    else if (data?.kind === 'field' && data.key) setDragging({ kind: 'field', key: data.key });
    else if (data?.kind === 'sectionMove' && data.id) setDragging({ kind: 'section', id: data.id });
  };

  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const { active, over } = event;
    if (!over) return;
    const [overKind, overRest = ''] = String(over.id).split(/:(.*)/s);
    const data = active.data.current as { kind: string; fieldKind?: FieldKind; key?: string; id?: string } | undefined;
    if (overKind === 'tab') {
      // Onto a tab header: the field or section moves into that tab, which opens to show it.
      if (data?.kind === 'sectionMove' && data.id) {
        const id = data.id;
        edit((f) => moveSectionToTab(f, id, overRest));
      } else if (data?.kind === 'field' && data.key) {
        const key = data.key;
        edit((f) => moveFieldToTab(f, key, overRest, bothLanguages('designer.section.new')));
      } else if (data?.kind === 'palette' && data.fieldKind) {
        // A tab without sections first gets one to hold the new field.
        const withSection = tabSections(form, overRest).length > 0 ? form : addSection(form, bothLanguages('designer.section.new'), overRest);
        const result = addField(withSection, data.fieldKind, tabSections(withSection, overRest)[0]!.id, Number.MAX_SAFE_INTEGER, bothLanguages(`designer.kind.${data.fieldKind}`));
        edit(() => result.form);
        setSelection({ kind: 'field', key: result.key });
      }
      setOpenTab(overRest);
      return;
    }
    if (data?.kind === 'sectionMove') return;
    let sectionId: string | undefined;
    let index = Number.MAX_SAFE_INTEGER;
    if (overKind === 'field') {
      const section = sectionOf(form, overRest);
      sectionId = section?.id;
      index = section ? section.fields.indexOf(overRest) : index;
    } else if (overKind === 'section') {
      sectionId = overRest;
    }
    if (!sectionId) return;
    if (data?.kind === 'palette' && data.fieldKind) add(data.fieldKind, sectionId, index);
    else if (data?.kind === 'field' && data.key && data.key !== overRest) {
      const key = data.key;
      edit((f) => moveField(f, key, sectionId!, index));
    }
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('designer.a11y.start', { item: nameOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('designer.a11y.over', { item: nameOf(active.id), target: nameOf(over.id) }) : t('designer.a11y.outside', { item: nameOf(active.id) })),
    onDragEnd: ({ active, over }) => (over ? t('designer.a11y.end', { item: nameOf(active.id), target: nameOf(over.id) }) : t('designer.a11y.outside', { item: nameOf(active.id) })),
    onDragCancel: ({ active }) => t('designer.a11y.cancel', { item: nameOf(active.id) }),
  };

  const saveFirst = useCallback(() => flush(), [flush]);
  const formName = localText(form.name, locale) || form.key;
  const paths = workspacePaths(appKey, form.key);

  return (
    <AppShell user={user} crumb={crumb} title={t('designer.title', { form: formName })}>
      <div className="dz">
        <header className="dz-toolbar">
          <h1 className="dz-toolbar__title">{t('designer.title', { form: formName })}</h1>
          <div className="dz-toolbar__group" role="group" aria-label={t('designer.undo')}>
            <button type="button" className="button button--secondary button--small" onClick={() => setHistory(undo)} disabled={history.past.length === 0} aria-keyshortcuts="Control+Z">{t('designer.undo')}</button>
            <button type="button" className="button button--secondary button--small" onClick={() => setHistory(redo)} disabled={history.future.length === 0} aria-keyshortcuts="Control+Shift+Z">{t('designer.redo')}</button>
          </div>
          <div className="dz-toolbar__group" role="radiogroup" aria-label={t('designer.view')}>
            {(['design', 'desktop', 'phone'] as const).map((v) => (
              <button key={v} type="button" role="radio" aria-checked={view === v} className={`button button--small ${view === v ? 'button--primary' : 'button--secondary'}`} onClick={() => setView(v)}>
                {t(`designer.view.${v}`)}
              </button>
            ))}
          </div>
          <SaveState status={status} onRetry={() => void flush()} t={t} locale={locale} />
          {publishedVersion !== null ? <Link to={paths.list} className="button button--secondary button--small">{t('designer.openWorkspace')}</Link> : null}
          <button type="button" className="button button--primary" onClick={() => setPublishing(true)}>{t('designer.publish')}</button>
        </header>
        {problems.form.length > 0 ? (
          <div className="ws-notice dz-form-problems" role="alert">
            {problems.form.map((p, i) => <p key={i}>{t('designer.problems.form')}: {describeProblem(p, locale)}</p>)}
          </div>
        ) : null}
        {view === 'design' ? (
          <DndContext sensors={sensors} collisionDetection={collisions} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}
            accessibility={{ announcements, screenReaderInstructions: { draggable: t('designer.a11y.instructions') } }}>
            <div className="dz-body">
              <Palette t={t} onAdd={(kind) => add(kind, targetSection, Number.MAX_SAFE_INTEGER)} />
              <Canvas
                form={form}
                selection={selection}
                problems={problems}
                onSelect={(s) => {
                  setSelection(s);
                  setPanel('props');
                }}
                onRemoveField={(key) => setConfirm({
                  title: t('designer.field.removeConfirm', { name: fieldName(key) }),
                  run: () => {
                    edit((f) => removeField(f, key));
                    setSelection(null);
                  },
                })}
                onRemoveSection={(id) => setConfirm({ title: t('designer.section.removeConfirm', { name: sectionName(id) }), run: () => edit((f) => removeSection(f, id)) })}
                onShiftSection={(id, by) => edit((f) => shiftSection(f, id, by))}
                onColumns={(id, columns) => edit((f) => updateSection(f, id, { columns }))}
                onAddSection={() => edit((f) => addSection(f, bothLanguages('designer.section.new'), openTab))}
                openTab={openTab}
                onOpenTab={openTabAndEdit}
                onAddTab={() => {
                  const result = addTab(form, bothLanguages('designer.tab.new'), bothLanguages('designer.section.new'), bothLanguages('designer.tab.first'));
                  edit(() => result.form);
                  openTabAndEdit(result.tabId);
                }}
                t={t}
                locale={locale}
              />
              <aside className="dz-side" aria-label={t('designer.props')}>
                <div className="dz-side__tabs" role="tablist">
                  <button type="button" role="tab" id="dz-tab-props" aria-selected={panel === 'props'} aria-controls="dz-panel" className="dz-side__tab" onClick={() => setPanel('props')}>{t('designer.props')}</button>
                  <button type="button" role="tab" id="dz-tab-checks" aria-selected={panel === 'checks'} aria-controls="dz-panel" className="dz-side__tab" onClick={() => setPanel('checks')}>
                    {t('designer.checks')}{(form.checks?.length ?? 0) > 0 ? ` (${form.checks!.length})` : ''}
                  </button>
                </div>
                <div id="dz-panel" role="tabpanel" aria-labelledby={panel === 'props' ? 'dz-tab-props' : 'dz-tab-checks'} className="dz-side__panel">
                  {panel === 'checks' ? (
                    <ChecksPanel
                      form={form}
                      problems={problems.checks}
                      onAdd={() => edit((f) => addCheck(f, 'block', bothLanguages('designer.checks.newMessage')))}
                      onChange={(check, merge) => edit((f) => updateCheck(f, check.id, check), merge)}
                      onRemove={(id) => edit((f) => removeCheck(f, id))}
                      t={t}
                      locale={locale}
                    />
                  ) : selectedField ? (
                    <FieldProperties
                      key={selectedField.id}
                      field={selectedField}
                      form={form}
                      problems={problems.fields.get(selectedField.key) ?? []}
                      onChange={(field: Field, merge) => {
                        const key = selectedField.key;
                        edit((f) => updateField(f, key, field), merge);
                        if (field.key !== key) setSelection({ kind: 'field', key: field.key });
                      }}
                      t={t}
                      locale={locale}
                    />
                  ) : selectedSection ? (
                    <SectionProperties
                      key={selectedSection.id}
                      section={selectedSection}
                      form={form}
                      problems={problems.sections.get(selectedSection.id) ?? []}
                      onTitle={(title) => edit((f) => updateSection(f, selectedSection.id, { title }), `${selectedSection.id}:title`)}
                      onMoveToTab={(tabId) => {
                        edit((f) => moveSectionToTab(f, selectedSection.id, tabId));
                        setOpenTab(tabId);
                      }}
                      t={t}
                      locale={locale}
                    />
                  ) : selectedTab ? (
                    <TabProperties
                      key={selectedTab.id}
                      tab={selectedTab}
                      index={tabs.indexOf(selectedTab)}
                      count={tabs.length}
                      problems={problems.tabs.get(selectedTab.id) ?? []}
                      onTitle={(title) => edit((f) => updateTab(f, selectedTab.id, { title }), `${selectedTab.id}:title`)}
                      onShift={(by) => edit((f) => shiftTab(f, selectedTab.id, by))}
                      onRemove={() => confirmRemoveTab(selectedTab.id)}
                      t={t}
                      locale={locale}
                    />
                  ) : (
                    <div className="dz-props">
                      <p className="dz-props__note">{t('designer.props.none')}</p>
                      <h2 className="dz-panel__title">{t('designer.props.form')}</h2>
                      <TextProperty label={t('designer.props.formName') + ' · 中文'} value={form.name['zh-CN'] ?? ''} onChange={(v) => edit((f) => ({ ...f, name: withText(f.name, 'zh-CN', v) }), 'form:name')} />
                      <TextProperty label={t('designer.props.formName') + ' · English'} value={form.name.en ?? ''} onChange={(v) => edit((f) => ({ ...f, name: withText(f.name, 'en', v) }), 'form:name')} />
                    </div>
                  )}
                </div>
              </aside>
            </div>
            <DragOverlay>
              {dragging ? <div className="dz-overlay">{dragging.kind === 'palette' ? kindLabel(t, dragging.fieldKind) : dragging.kind === 'field' ? fieldName(dragging.key) : sectionName(dragging.id)}</div> : null}
            </DragOverlay>
          </DndContext>
        ) : (
          <PreviewPane form={form} device={view} t={t} locale={locale} />
        )}
      </div>
      {confirm ? (
        <ConfirmDialog
          title={confirm.title}
          confirmLabel={t('designer.confirm.delete')}
          cancelLabel={t('designer.confirm.cancel')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            confirm.run();
            setConfirm(null);
          }}
        />
      ) : null}
      {publishing ? (
        <PublishDialog api={api} appKey={appKey} formKey={form.key} saveFirst={saveFirst} onClose={() => setPublishing(false)} onPublished={setPublishedVersion} t={t} locale={locale} />
      ) : null}
    </AppShell>
  );
}

function SaveState({ status, onRetry, t, locale }: { status: SaveStatus; onRetry: () => void; t: ReturnType<typeof useI18n>['t']; locale: ReturnType<typeof useI18n>['locale'] }) {
  const text = {
    saved: () => t('designer.save.saved'),
    pending: () => t('designer.save.pending'),
    saving: () => t('designer.save.saving'),
    invalid: () => t('designer.save.invalid', { count: status.kind === 'invalid' ? status.problems.length : 0 }),
    failed: () => t('designer.save.failed', { message: status.kind === 'failed' ? describeError(status.error, t, locale) : '' }),
  } satisfies Record<SaveStatus['kind'], () => string>;
  return (
    <p className={`dz-save dz-save--${status.kind}`} role="status" aria-live="polite" data-save={status.kind}>
      {text[status.kind]()}
      {status.kind === 'failed' ? <button type="button" className="button button--ghost button--small" onClick={onRetry}>{t('designer.save.retry')}</button> : null}
    </p>
  );
}
