/**
 * Every string the shell shows, in Simplified Chinese. This file defines the keys: `en.ts` must
 * provide exactly the same ones (enforced by its type), so a missing translation breaks the build.
 */
export const zhCN = {
  'app.name': 'Tangram',
  'app.tagline': '零代码搭建你的业务应用',

  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.close': '关闭',
  'common.backToApps': '返回应用列表',

  'language.label': '语言',
  'language.zh-CN': '中文',
  'language.en': 'English',

  'setup.title': '欢迎使用 Tangram',
  'setup.subtitle': '创建第一个管理员账号，完成初始化。',
  'setup.name': '姓名',
  'setup.email': '邮箱',
  'setup.password': '密码',
  'setup.passwordHint': '至少 8 个字符',
  'setup.language': '界面语言',
  'setup.submit': '创建管理员并登录',
  'setup.submitting': '正在创建…',

  'login.title': '登录',
  'login.subtitle': '使用你的账号登录 Tangram。',
  'login.email': '邮箱',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',

  'validation.required': '请填写此项',
  'validation.email': '请输入有效的邮箱地址',
  'validation.passwordLength': '密码至少需要 8 个字符',

  'nav.apps': '应用',
  'nav.menu': '菜单',
  'nav.closeMenu': '关闭菜单',
  'nav.mainMenu': '主菜单',
  'nav.skipToContent': '跳到主要内容',
  'nav.forms': '表单',

  'user.menu': '用户菜单',
  'user.admin': '管理员',
  'user.logout': '退出登录',
  'user.signedInAs': '当前登录',

  'apps.title': '我的应用',
  'apps.subtitle': '你可以访问的全部应用。',
  'apps.count': '共 {count} 个应用',
  'apps.empty.title': '还没有应用',
  'apps.empty.hint': '管理员创建应用或从模板安装后，应用会显示在这里。',
  'apps.error.title': '无法加载应用列表',
  'apps.open': '打开 {name}',

  'appHome.forms': '表单',
  'appHome.noForms.title': '还没有表单',
  'appHome.noForms.hint': '在表单设计器中创建并发布表单后，它们会显示在左侧导航中。',
  'appHome.welcome.title': '选择一个表单开始工作',
  'appHome.welcome.hint': '打开表单后，可以在这里填写数据、查看列表和记录详情。',
  'appHome.formWorkspace.hint': '此表单的数据列表与填报页面即将上线。',
  'appHome.error.title': '无法加载此应用',
  'appHome.notFound': '找不到应用「{key}」，它可能已被删除，或你没有访问权限。',
  'form.status.draft': '草稿',
  'form.status.published': '已发布',
  'form.version': '版本 {version}',

  'notFound.title': '页面不存在',
  'notFound.hint': '你访问的地址不存在。',

  'error.network': '无法连接到服务器，请检查网络后重试。',
  'error.unknown': '出现了意外错误（{status}）。',
  'error.sessionExpired': '登录已过期，请重新登录。',
} as const;

export type MessageKey = keyof typeof zhCN;
