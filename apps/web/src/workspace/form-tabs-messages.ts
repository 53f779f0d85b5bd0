import { defineMessages } from '../i18n/define-messages';

/** The words the form renderer shows around a form's tabs (the tabs' own titles come from the form). */
export const formTabsMessages = defineMessages(
  {
    'formTabs.list': '表单标签页',
    'formTabs.errors': '{count} 处错误',
    'formTabs.next': '下一页：{title}',
  },
  {
    'formTabs.list': 'Form tabs',
    'formTabs.errors': 'Errors: {count}',
    'formTabs.next': 'Next: {title}',
  },
);
